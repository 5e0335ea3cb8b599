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
  checkSignature,
} from "./checkpoint";
import { logError } from "../log";
import { StreamVerifier } from "./verify-core";
import { type ChainReport, verifyChain } from "./verify";
import { anchorsFrom, genuine, toCheckpoint } from "./checkpoint-anchors";

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

/** A stream's latest genuine checkpoint (forged rows above it are skipped). */
export async function lastGenuine(stream: string, keys: PublicKeys, client: Pick<typeof db, "auditCheckpoint"> = db) {
  let below: bigint | undefined;
  for (;;) {
    const rows = await client.auditCheckpoint.findMany({ where: { stream, ...(below === undefined ? {} : { seq: { lt: below } }) }, orderBy: [{ seq: "desc" }, { id: "desc" }], take: 100 });
    const found = genuine(rows, keys)[0];
    if (found || rows.length < 100) return found ?? null;
    below = rows.at(-1)!.seq;
  }
}

/**
 * Signs one stream's head if it moved since its last genuine checkpoint, after checking the
 * events in between against it and the head row: a head moved by hand (the portal's login may
 * update it) or events rewritten since are refused, not signed. Under a per-stream advisory
 * lock, so two workers never sign the same head twice.
 */
async function signStream(stream: string, key: SigningKey, keys: PublicKeys, now: Date): Promise<Checkpoint | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit-checkpoint:${stream}`}, 0))`;
    const head = await tx.auditHead.findUnique({ where: { stream } });
    if (!head) return null;
    const last = await lastGenuine(stream, keys, tx);
    if (last && last.seq === head.lastSeq && last.headHash === head.hash) return null;
    if (last && last.seq >= head.lastSeq) throw new Error(`the head of stream ${stream} (position ${head.lastSeq}) is not after its last checkpoint (position ${last.seq}): events removed or the head moved`);
    const verifier = new StreamVerifier(stream, last ? [{ stream, seq: last.seq, headHash: last.headHash, source: "its last checkpoint" }] : [], last ? { seq: last.seq + 1n, prevHash: last.headHash } : undefined);
    let after = last?.seq ?? 0n;
    for (;;) {
      const rows = await tx.auditEvent.findMany({ where: { stream, streamSeq: { gt: after } }, orderBy: { streamSeq: "asc" }, take: 2000 });
      for (const r of rows) verifier.add(r);
      if (verifier.done || rows.length < 2000) break;
      after = rows.at(-1)!.streamSeq;
    }
    const report = verifier.finish(head);
    if (!report.ok) throw new Error(`stream ${stream} not signed: ${report.message}`);
    const cp = signCheckpoint({ stream, seq: head.lastSeq.toString(), headHash: head.hash, count: head.lastSeq.toString(), at: now.toISOString() }, key);
    await tx.auditCheckpoint.create({ data: { stream, seq: head.lastSeq, headHash: head.hash, count: head.lastSeq, at: now, keyId: cp.keyId, signature: cp.signature } });
    return cp;
  });
}

/**
 * Signs each stream (or the given ones) whose head moved since its last checkpoint. Not
 * itself an audit event: an event would move the head it signs; the checkpoint row is its
 * own append-only record. A stream that fails its check is reported and left unsigned; the
 * others are signed all the same.
 */
export async function signCheckpoints(now = new Date(), opts: { streams?: string[] } = {}): Promise<Checkpoint[]> {
  const key = signingKey();
  if (!key) throw new AppError("checkpointsNotConfigured");
  const keys = trustedKeys();
  const heads = await db.auditHead.findMany({ where: opts.streams ? { stream: { in: opts.streams } } : {}, orderBy: { stream: "asc" }, select: { stream: true } });
  const made: Checkpoint[] = [];
  for (const { stream } of heads) {
    try {
      const cp = await signStream(stream, key, keys, now);
      if (cp) made.push(cp);
    } catch (e) {
      logError("audit checkpoint refused", e, "audit");
    }
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
  const keys = trustedKeys();
  const inPeriod = genuine(await db.auditCheckpoint.findMany({ where: { stream: { in: streams }, at: { gte: from, lt: to } }, orderBy: [{ stream: "asc" }, { seq: "asc" }] }), keys);
  const latest = await Promise.all(streams.map((stream) => lastGenuine(stream, keys)));
  const seen = new Set(inPeriod.map((c) => c.id));
  return [...inPeriod, ...latest.filter((c): c is NonNullable<typeof c> => c !== null && !seen.has(c.id))].map(toCheckpoint);
}

/** The latest checkpoint of each stream the actor may see, for the audit page. */
export async function latestCheckpoints(actor: Actor) {
  const scope = streamsOf(actor);
  const heads = await db.auditHead.findMany({ where: scope === "all" ? {} : { stream: { in: scope } }, orderBy: { stream: "asc" } });
  const keys = trustedKeys();
  const rows = await Promise.all(heads.map((h) => lastGenuine(h.stream, keys)));
  return heads.map((h, i) => ({ stream: h.stream, headSeq: h.lastSeq.toString(), checkpoint: rows[i] ? toCheckpoint(rows[i]!) : null }));
}

/** Every checkpoint of the actor's streams, as the file an auditor keeps. */
export async function checkpointFile(actor: Actor): Promise<string> {
  const scope = streamsOf(actor);
  const rows = await db.auditCheckpoint.findMany({ where: scope === "all" ? {} : { stream: { in: scope } }, orderBy: [{ stream: "asc" }, { seq: "asc" }] });
  return serialiseCheckpoints(genuine(rows, trustedKeys()).map(toCheckpoint));
}

/** On demand from the audit page: sign now, then return the actor's latest. */
/**
 * On demand from the audit page: the actor's own streams only (nothing said about others').
 * A stream is signed only when its head moved, so clicks add no more rows than events do.
 */
export async function checkpointNow(actor: Actor) {
  const scope = streamsOf(actor);
  const made = await signCheckpoints(new Date(), { streams: scope === "all" ? undefined : scope });
  return { made: made.length };
}

export type HeldVerification = { ok: false; problem: "malformed" | "signature"; message: string } | { ok: true; checkpoints: number; report: ChainReport };

export { anchorsFrom };

/** Stored rows whose signature does not hold under `keys` (forged, or of an untrusted key), as sentences. */
export async function storedForgeries(keys: PublicKeys): Promise<string[]> {
  const out: string[] = [];
  let after = 0n;
  for (;;) {
    const rows = await db.auditCheckpoint.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 2000 });
    for (const r of rows) {
      const check = checkSignature(toCheckpoint(r), keys);
      if (!check.ok) out.push(`stored checkpoint ${r.id} (stream ${r.stream}, position ${r.seq}): ${check.reason === "unknownKey" ? `signed by unknown key ${check.keyId}` : "signature does not match"}`);
    }
    if (rows.length < 2000) return out;
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
