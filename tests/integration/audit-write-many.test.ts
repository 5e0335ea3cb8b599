// Batch audit writing (lib/audit/write-many.ts): the same chain as one writeAudit per event,
// in the given order, a stream's head created by its first event, and verifiable afterwards.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyChain } from "@/lib/audit/verify";
import { writeAudit } from "@/lib/audit/write";
import { writeAuditMany } from "@/lib/audit/write-many";
import { makeFunder } from "../factories";

const event = (n: number, funderId: string | null) => ({ action: "sanctions.screened" as const, entityType: "Organisation" as const, entityId: `org-${n}`, funderId, after: { n } });

describe("writeAuditMany", () => {
  it("appends in order to each stream, creates a new stream's head, and the chain verifies", async () => {
    const fresh = await makeFunder(); // a stream with no event yet
    const known = await makeFunder();
    await db.$transaction((tx) => writeAudit(tx, null, event(0, known.id)));
    await db.$transaction(async (tx) => {
      await writeAuditMany(tx, null, [event(1, fresh.id), event(2, known.id), event(3, fresh.id), event(4, null), event(5, fresh.id)]);
      await writeAudit(tx, null, event(6, fresh.id));
    });
    const of = (funderId: string) => db.auditEvent.findMany({ where: { stream: funderId }, orderBy: { streamSeq: "asc" } });
    const freshEvents = await of(fresh.id);
    expect(freshEvents.map((e) => [Number(e.streamSeq), (e.after as { n: number }).n])).toEqual([[1, 1], [2, 3], [3, 5], [4, 6]]);
    expect((await of(known.id)).map((e) => (e.after as { n: number }).n)).toEqual([0, 2]);
    const head = await db.auditHead.findUniqueOrThrow({ where: { stream: fresh.id } });
    expect(head.lastSeq).toBe(4n);
    expect(head.hash).toBe(freshEvents[3]!.hash);
    expect(freshEvents[2]!.prevHash).toBe(freshEvents[1]!.hash);
    expect((await verifyChain({ streams: [fresh.id, known.id, "platform"] })).ok).toBe(true);
  });

  it("writes nothing when the transaction fails", async () => {
    const f = await makeFunder();
    await expect(db.$transaction(async (tx) => {
      await writeAuditMany(tx, null, [event(1, f.id), event(2, f.id)]);
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await db.auditEvent.count({ where: { stream: f.id } })).toBe(0);
    expect(await db.auditHead.count({ where: { stream: f.id } })).toBe(0);
  });
});
