// Offline verification of an exported trail (the JSON of /api/exports/audit): no database,
// only the file, the checkpoints the verifier holds and the public keys they trust.
import { z } from "zod";
import { GENESIS_HASH } from "./chain";
import { type Anchor, StreamVerifier, type StoredEvent, type StreamReport } from "./verify-core";

const ZEvent = z.object({
  id: z.string().regex(/^\d+$/),
  stream: z.string().min(1),
  streamSeq: z.string().regex(/^[1-9]\d*$/),
  at: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  funderId: z.string(),
  organisationId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const ZTrail = z.object({ events: z.array(ZEvent) });

export type TrailEvents = { ok: true; events: StoredEvent[] } | { ok: false; message: string };

/** The export writes absent values as "" (CSV-compatible); the chain hashed them as null. */
const orNull = (v: string) => (v === "" ? null : v);

export function parseTrail(text: string): TrailEvents {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, message: "the trail file is not JSON (export the trail as JSON)" };
  }
  const r = ZTrail.safeParse(doc);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, message: `the trail file is not an exported audit trail: ${i.path.join(".") || "file"}: ${i.message}` };
  }
  return {
    ok: true,
    events: r.data.events.map((e) => ({
      ...e, actorId: orNull(e.actorId), actorRole: orNull(e.actorRole), entityId: orNull(e.entityId), funderId: orNull(e.funderId),
      organisationId: orNull(e.organisationId), requestId: orNull(e.requestId), before: e.before ?? null, after: e.after ?? null,
    })),
  };
}

/**
 * Each stream of the file in its order. A period's export starts mid-stream: its first
 * event's link is then compared with a held checkpoint at the position before it, if any,
 * and otherwise taken as given; a file that starts at position 1 must start from the
 * genesis. A removed tail shows only against the database (or a later export).
 */
export function verifyTrailEvents(events: StoredEvent[], anchors: Anchor[]): { reports: StreamReport[]; unchecked: number } {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
  const reports: StreamReport[] = [];
  let checked = 0;
  for (const [stream, list] of [...byStream].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = list[0]!;
    const [from, to] = [BigInt(first.streamSeq), BigInt(list.at(-1)!.streamSeq)];
    const mine = anchors.filter((a) => a.stream === stream);
    const before = mine.find((a) => a.seq === from - 1n);
    // Only checkpoints inside the file's range can be compared: it may end before the latest.
    const inRange = mine.filter((a) => a.seq >= from && a.seq <= to);
    checked += inRange.length + (before ? 1 : 0);
    const prevHash = from === 1n ? GENESIS_HASH : (before?.headHash ?? first.prevHash);
    const v = new StreamVerifier(stream, inRange, { seq: from, prevHash });
    for (const e of list) v.add(e);
    reports.push(v.finish());
  }
  return { reports, unchecked: anchors.length - checked };
}
