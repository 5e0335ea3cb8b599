// Held checkpoints (a file, or an exported trail's) as anchors for verification, once every
// signature holds under the keys the verifier trusts. Pure: used offline too.
import { type PublicKeys, parseCheckpointFile, verifyCheckpointSignatures } from "./checkpoint";
import type { Anchor } from "./verify-core";

export type HeldAnchors = { ok: true; anchors: Anchor[] } | { ok: false; problem: "malformed" | "signature"; message: string };

export function anchorsFrom(text: string, keys: PublicKeys): HeldAnchors {
  const parsed = parseCheckpointFile(text);
  if (!parsed.ok) return { ok: false, problem: "malformed", message: parsed.message };
  const signed = verifyCheckpointSignatures(parsed.checkpoints, keys);
  if (!signed.ok) return { ok: false, problem: "signature", message: signed.message };
  return {
    ok: true,
    anchors: parsed.checkpoints.map((c) => ({ stream: c.stream, seq: BigInt(c.seq), headHash: c.headHash, source: `the checkpoint of ${c.at} (key ${c.keyId})` })),
  };
}
