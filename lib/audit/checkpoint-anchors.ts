// Held checkpoints (a file, or an exported trail's) as anchors for verification, once every
// signature holds under the keys the verifier trusts. Pure: used offline too.
import { type Checkpoint, type PublicKeys, checkSignature, parseCheckpointFile, verifyCheckpointSignatures } from "./checkpoint";
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

export const toCheckpoint = (c: { stream: string; seq: bigint; headHash: string; count: bigint; at: Date; keyId: string; signature: string }): Checkpoint => ({
  stream: c.stream, seq: c.seq.toString(), headHash: c.headHash, count: c.count.toString(), at: c.at.toISOString(), keyId: c.keyId, signature: c.signature,
});

type Row = Parameters<typeof toCheckpoint>[0];

/**
 * Rows whose signature holds under the trusted keys. The portal's login may insert rows into
 * the table (the worker signs with it), so a row is only a checkpoint once its signature
 * holds: every reader goes through this.
 */
export function genuine<T extends Row>(rows: T[], keys: PublicKeys): T[] {
  return rows.filter((r) => checkSignature(toCheckpoint(r), keys).ok);
}

