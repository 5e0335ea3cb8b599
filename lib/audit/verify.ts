// Walks each stream of the trail in position order and recomputes every hash (verify-core.ts),
// against the anchors the caller holds: the signed checkpoints stored in the database, and
// those an auditor brings from outside (which a holder of the database cannot rewrite).
import "server-only";
import { db } from "../db";
import { type Anchor, StreamVerifier, type StreamReport, trailDigest } from "./verify-core";
import type { PublicKeys } from "./checkpoint";
import { genuine } from "./checkpoint-anchors";

export type ChainReport =
  | { ok: true; events: number; headHash: string; streams: StreamReport[] }
  | { ok: false; events: number; brokenAt: string | null; reason: Extract<StreamReport, { ok: false }>["reason"]; stream: string; seq: string; message: string; streams: StreamReport[] };

const PAGE = 2000;

async function verifyStream(stream: string, anchors: Anchor[]): Promise<StreamReport> {
  const verifier = new StreamVerifier(stream, anchors);
  let after = 0n;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { stream, streamSeq: { gt: after } }, orderBy: { streamSeq: "asc" }, take: PAGE });
    for (const r of rows) verifier.add(r);
    if (verifier.done || rows.length < PAGE) break;
    after = rows.at(-1)!.streamSeq;
  }
  return verifier.finish(await db.auditHead.findUnique({ where: { stream } }));
}

/** Every stream the database or the anchors know of, or only `streams`. */
async function streamsToCheck(only: string[] | undefined, anchors: Anchor[]): Promise<string[]> {
  if (only) return [...new Set(only)].sort();
  const [heads, inEvents] = await Promise.all([
    db.auditHead.findMany({ select: { stream: true } }),
    db.auditEvent.groupBy({ by: ["stream"] }),
  ]);
  return [...new Set([...heads.map((h) => h.stream), ...inEvents.map((e) => e.stream), ...anchors.map((a) => a.stream)])].sort();
}

/** Stored checkpoints whose signature holds under `keys`, as anchors (forged rows never count). */
export async function storedAnchors(keys: PublicKeys, streams?: string[]): Promise<Anchor[]> {
  const rows = genuine(await db.auditCheckpoint.findMany({ where: streams ? { stream: { in: streams } } : {}, orderBy: { id: "asc" } }), keys);
  return rows.map((c) => ({ stream: c.stream, seq: c.seq, headHash: c.headHash, source: `the checkpoint of ${c.at.toISOString()} (key ${c.keyId})` }));
}

export async function verifyChain(opts: { streams?: string[]; anchors?: Anchor[] } = {}): Promise<ChainReport> {
  const anchors = opts.anchors ?? [];
  const streams = await streamsToCheck(opts.streams, anchors);
  const reports: StreamReport[] = [];
  for (const s of streams) reports.push(await verifyStream(s, anchors));
  const events = reports.reduce((n, r) => n + r.events, 0);
  const broken = reports.find((r): r is Extract<StreamReport, { ok: false }> => !r.ok);
  if (broken) {
    const { stream, brokenAt, reason, seq, message } = broken;
    return { ok: false, events, brokenAt, reason, stream, seq, message, streams: reports };
  }
  const ok = reports as Extract<StreamReport, { ok: true }>[];
  return { ok: true, events, headHash: trailDigest(ok), streams: reports };
}
