// Signed checkpoints of the audit streams: made by the worker every few minutes and on
// demand, kept append-only in the database, and handed out (file, e-mail, audit page) so
// that a verifier holds copies the operator cannot change. The signing key comes from the
// environment (AUDIT_SIGNING_KEY), never from the database or its backups.
import "server-only";
import type { Actor } from "../auth/actor";
import { canPlatform, funderIdsWith } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import {
  type Checkpoint,
  type PublicKeys,
  type SigningKey,
  parsePublicKeys,
  parseSigningKey,
  publicKeyString,
  serialiseCheckpoints,
  signCheckpoint,
  verifyCheckpointSignatures,
} from "./checkpoint";
import { type ChainReport, verifyChain } from "./verify";
import { anchorsFrom } from "./checkpoint-anchors";

/** The bound this instance promises: every event is under a signed checkpoint within it. */
export const CHECKPOINT_INTERVAL_MINUTES = 5;

export function signingKey(): SigningKey | null {
  const text = process.env.AUDIT_SIGNING_KEY;
  return text ? parseSigningKey(text) : null;
}

/** The current key's public half as "keyId:base64", for auditors to verify with (null if unset). */
export function currentPublicKey(): string | null {
  const key = signingKey();
  return key ? publicKeyString(key) : null;
}

/** The current key's public half and every retired one still listed (rotation). */
export function trustedKeys(): PublicKeys {
  const keys = parsePublicKeys(process.env.AUDIT_PUBLIC_KEYS ?? "");
  const current = signingKey();
  if (current) keys.set(current.keyId, current.publicKey);
  return keys;
}

const toCheckpoint = (c: { stream: string; seq: bigint; headHash: string; count: bigint; at: Date; keyId: string; signature: string }): Checkpoint => ({
  stream: c.stream, seq: c.seq.toString(), headHash: c.headHash, count: c.count.toString(), at: c.at.toISOString(), keyId: c.keyId, signature: c.signature,
});

/**
 * Signs each stream whose head moved since its last checkpoint under the current key. Not
 * itself an audit event: an event would move the head it signs; the checkpoint row is its
 * own append-only record. Returns the checkpoints made.
 */
export async function signCheckpoints(now = new Date()): Promise<Checkpoint[]> {
  const key = signingKey();
  if (!key) throw new AppError("checkpointsNotConfigured");
  const heads = await db.auditHead.findMany({ orderBy: { stream: "asc" } });
  const made: Checkpoint[] = [];
  for (const h of heads) {
    const last = await db.auditCheckpoint.findFirst({ where: { stream: h.stream, keyId: key.keyId }, orderBy: { seq: "desc" } });
    if (last && last.seq >= h.lastSeq) continue;
    const cp = signCheckpoint({ stream: h.stream, seq: h.lastSeq.toString(), headHash: h.hash, count: h.lastSeq.toString(), at: now.toISOString() }, key);
    // Two workers racing for the same head sign the same position: one row is enough.
    await db.auditCheckpoint.createMany({
      data: [{ stream: cp.stream, seq: BigInt(cp.seq), headHash: cp.headHash, count: BigInt(cp.count), at: new Date(cp.at), keyId: cp.keyId, signature: cp.signature }],
      skipDuplicates: true,
    });
    made.push(cp);
  }
  return made;
}

/** The streams an actor may see the proofs of: their funders' (the platform's too for platform auditors). */
function streamsOf(actor: Actor): string[] | "all" {
  if (canPlatform(actor, "exports.unredacted")) return "all";
  const funders = funderIdsWith(actor, "audit.view");
  if (funders.length === 0) throw new AppError("forbidden");
  return funders;
}

/** Checkpoints of the period, and each stream's latest, for an export of the trail. */
export async function checkpointsFor(streams: string[], from: Date, to: Date): Promise<Checkpoint[]> {
  const inPeriod = await db.auditCheckpoint.findMany({ where: { stream: { in: streams }, at: { gte: from, lt: to } }, orderBy: [{ stream: "asc" }, { seq: "asc" }] });
  const latest = await Promise.all(streams.map((stream) => db.auditCheckpoint.findFirst({ where: { stream }, orderBy: { seq: "desc" } })));
  const seen = new Set(inPeriod.map((c) => c.id));
  return [...inPeriod, ...latest.filter((c): c is NonNullable<typeof c> => c !== null && !seen.has(c.id))].map(toCheckpoint);
}

/** The latest checkpoint of each stream the actor may see, for the audit page. */
export async function latestCheckpoints(actor: Actor) {
  const scope = streamsOf(actor);
  const heads = await db.auditHead.findMany({ where: scope === "all" ? {} : { stream: { in: scope } }, orderBy: { stream: "asc" } });
  const rows = await Promise.all(heads.map((h) => db.auditCheckpoint.findFirst({ where: { stream: h.stream }, orderBy: { seq: "desc" } })));
  return heads.map((h, i) => ({ stream: h.stream, headSeq: h.lastSeq.toString(), checkpoint: rows[i] ? toCheckpoint(rows[i]!) : null }));
}

/** Every checkpoint of the actor's streams, as the file an auditor keeps. */
export async function checkpointFile(actor: Actor): Promise<string> {
  const scope = streamsOf(actor);
  const rows = await db.auditCheckpoint.findMany({ where: scope === "all" ? {} : { stream: { in: scope } }, orderBy: [{ stream: "asc" }, { seq: "asc" }] });
  return serialiseCheckpoints(rows.map(toCheckpoint));
}

/** On demand from the audit page: sign now, then return the actor's latest. */
export async function checkpointNow(actor: Actor) {
  streamsOf(actor);
  const made = await signCheckpoints();
  return { made: made.length };
}

export type HeldVerification = { ok: false; problem: "malformed" | "signature"; message: string } | { ok: true; checkpoints: number; report: ChainReport };

export { anchorsFrom };

/** The first stored checkpoint whose signature does not hold under `keys`, as a sentence. */
export async function checkStoredSignatures(keys: PublicKeys): Promise<string | null> {
  let after = 0n;
  for (;;) {
    const rows = await db.auditCheckpoint.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 2000 });
    const bad = verifyCheckpointSignatures(rows.map(toCheckpoint), keys);
    if (!bad.ok) return `stored ${bad.message}`;
    if (rows.length < 2000) return null;
    after = rows.at(-1)!.id;
  }
}

/** The audit page's check of a file the auditor holds, over the streams they may see. */
export async function verifyHeldCheckpoints(actor: Actor, text: string): Promise<HeldVerification> {
  const scope = streamsOf(actor);
  const held = anchorsFrom(text, trustedKeys());
  if (!held.ok) return held;
  const anchors = held.anchors.filter((a) => scope === "all" || scope.includes(a.stream));
  const streams = scope === "all" ? undefined : scope;
  return { ok: true, checkpoints: anchors.length, report: await verifyChain({ streams, anchors }) };
}
