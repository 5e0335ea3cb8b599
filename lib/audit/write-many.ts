// Many audit events in a few statements per stream, for batch work (the sanctions sweep writes
// one event per organisation screened and one per match): the chain is the same as one
// writeAudit per event, in the order given. Call it inside the transaction of the change.
import "server-only";
import type { Tx } from "../db";
import { linkHash } from "./chain";
import { eventContent, writeAudit, type AuditActor, type AuditInput } from "./write";

/**
 * Per stream, in stream order (so two batches lock heads in the same order): the stream's
 * head locked, ids drawn, each event linked to the one before it here, all inserted in one
 * statement and the head moved once.
 */
export async function writeAuditMany(tx: Tx, actor: AuditActor | null, inputs: AuditInput[]): Promise<void> {
  const events = [];
  for (const input of inputs) events.push(await eventContent(tx, actor, input));
  const streams = [...new Set(events.map((e) => e.stream))].sort();
  for (const stream of streams) {
    const mine = events.filter((e) => e.stream === stream);
    let head = (await tx.$queryRaw<{ lastSeq: bigint; hash: string }[]>`
      SELECT "lastSeq", hash FROM "AuditHead" WHERE stream = ${stream} FOR UPDATE`)[0];
    if (!head) {
      // A stream's first event creates its head (writeAudit), which then stays locked by us.
      const first = mine.shift()!;
      const written = await writeAudit(tx, actor, inputs[events.indexOf(first)]!);
      head = { lastSeq: written.streamSeq, hash: written.hash };
      if (mine.length === 0) continue;
    }
    const ids = (await tx.$queryRaw<{ id: bigint }[]>`
      SELECT nextval('"AuditEvent_id_seq"'::regclass) AS id FROM generate_series(1, ${mine.length}::int)`).map((r) => r.id).sort((a, b) => (a < b ? -1 : 1));
    let prev = head.hash;
    let seq = head.lastSeq;
    const rows = mine.map((e, k) => {
      seq += 1n;
      const id = ids[k]!;
      const hash = linkHash(prev, stream, seq, id, e.digest);
      const row = { ...e.content, at: e.content.at.toISOString(), id: String(id), stream, streamSeq: String(seq), prevHash: prev, hash };
      prev = hash;
      return row;
    });
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" (id, at, "actorId", "actorRole", action, "entityType", "entityId", "funderId", "organisationId", before, after, "requestId", stream, "streamSeq", "prevHash", hash)
      SELECT (e->>'id')::bigint, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'actorRole', e->>'action', e->>'entityType', e->>'entityId',
             (e->>'funderId')::uuid, (e->>'organisationId')::uuid, NULLIF(e->'before', 'null'::jsonb), NULLIF(e->'after', 'null'::jsonb),
             e->>'requestId', e->>'stream', (e->>'streamSeq')::bigint, e->>'prevHash', e->>'hash'
      FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) e`;
    const last = rows[rows.length - 1]!;
    await tx.$executeRaw`
      UPDATE "AuditHead" SET "lastSeq" = ${last.streamSeq}::bigint, "lastId" = ${last.id}::bigint, "prevHash" = ${last.prevHash}, hash = ${last.hash}
      WHERE stream = ${stream}`;
  }
}
