// Walks the chain in id order and recomputes every hash. Reports the first broken link:
// a changed row (hash mismatch), a removed or inserted row (prevHash mismatch), or a
// removed tail (head row disagrees with the last event).
import "server-only";
import { db } from "../db";
import { GENESIS_HASH, hashEvent } from "./chain";

export type ChainReport =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; brokenAt: string; reason: "hash" | "link" | "head" };

const PAGE = 2000;

export async function verifyChain(): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0n;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { id: { gt: lastId } }, orderBy: { id: "asc" }, take: PAGE });
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, events: count, brokenAt: r.id.toString(), reason: "link" };
      const expected = hashEvent(prev, {
        id: r.id,
        at: r.at,
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        funderId: r.funderId,
        organisationId: r.organisationId,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
      });
      if (expected !== r.hash) return { ok: false, events: count, brokenAt: r.id.toString(), reason: "hash" };
      prev = r.hash;
      lastId = r.id;
      count++;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  if (!head || head.hash !== prev || head.lastId !== lastId) {
    return { ok: false, events: count, brokenAt: lastId.toString(), reason: "head" };
  }
  return { ok: true, events: count, headHash: prev };
}
