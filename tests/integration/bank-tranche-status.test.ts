// Each tranche's way through the bank as the grant page shows it (issue 15, item 5): sent when
// its batch is released, booked by the statement (with the day), returned with the bank's
// reason; members see it without the batch reference; nobody else sees anything. And the
// statement pages: a long statement is read page by page, never cut.
import { describe, expect, it } from "vitest";
import { trancheBankStatuses } from "@/lib/bank/tranche-status";
import { importStatement } from "@/lib/bank/statements-import";
import { statementDetail, statementTotals, unmatchedLines } from "@/lib/bank/statements";
import { cancelBatch, prepareBatch } from "@/lib/bank/batches";
import { db } from "@/lib/db";
import { actorFor } from "../factories";
import { grantWorld } from "../factories/grant-world";
import { statementWorld } from "../factories/statement-world";

describe("bank status of a grant's tranches", () => {
  it("goes from sent to booked or returned, for staff and members alike", async () => {
    const w = await statementWorld();
    const [a, b] = w.items;
    const sent = await trancheBankStatuses(w.finance, w.grant.id);
    expect([sent.get(a!.trancheId)?.state, sent.get(b!.trancheId)?.state]).toEqual(["SENT", "SENT"]);
    expect(sent.get(a!.trancheId)?.batchReference).toMatch(/\S/);

    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ skip: [b!.endToEndId] }) });
    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ id: "STMT-2", skip: w.items.map((i) => i.endToEndId), returns: [{ endToEndId: a!.endToEndId, reason: "AC04" }] }) });
    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ id: "STMT-3", skip: [a!.endToEndId] }) });
    const member = await actorFor(w.member.id);
    const seen = await trancheBankStatuses(member, w.grant.id);
    expect(seen.get(a!.trancheId)).toEqual({ state: "RETURNED", bookedOn: "2027-01-12", returnReason: "AC04", batchReference: null });
    expect(seen.get(b!.trancheId)).toEqual({ state: "BOOKED", bookedOn: "2027-01-12", returnReason: null, batchReference: null });

    // Another funder's staff and another organisation's members learn nothing.
    const other = await grantWorld();
    await expect(trancheBankStatuses(other.finance, w.grant.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(trancheBankStatuses(await actorFor(other.member.id), w.grant.id)).rejects.toMatchObject({ code: "notFound" });
  });

  it("a tranche put into a new batch after a return shows the new batch; a cancelled one shows nothing", async () => {
    const w = await statementWorld();
    const [a] = w.items;
    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ skip: w.items.slice(1).map((i) => i.endToEndId) }) });
    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ id: "STMT-2", skip: w.items.map((i) => i.endToEndId), returns: [{ endToEndId: a!.endToEndId, reason: "AC01" }] }) });
    const again = await prepareBatch(w.finance, { funderId: w.funder.id, debtorAccountId: w.debtorAccountId, kind: "SEPA", requestedExecutionDate: "2027-01-20", trancheIds: [a!.trancheId] });
    expect((await trancheBankStatuses(w.finance, w.grant.id)).get(a!.trancheId)).toMatchObject({ state: "IN_BATCH", returnReason: null, batchReference: again.reference });
    await cancelBatch(w.finance, again.batchId);
    // Back to what the bank did last with it: the return.
    expect((await trancheBankStatuses(w.finance, w.grant.id)).get(a!.trancheId)).toMatchObject({ state: "RETURNED", returnReason: "AC01" });
    expect(await db.paymentBatchItem.count({ where: { trancheId: a!.trancheId } })).toBe(2);
  });
});

describe("statement pages", () => {
  it("show every line of a long statement page by page, and say how many lines wait when the list shows a page", async () => {
    const w = await statementWorld();
    // 1,200 debits the portal never sent: each waits for finance.
    const strangers = { ...w.sent, payments: Array.from({ length: 1200 }, (_, i) => ({ endToEndId: `ELSEWHERE-${i}`, amount: `${100 + i}.00`, currency: "EUR", creditor: { name: "Someone", iban: "DE89370400440532013000" } })) };
    const { statementIds: [id] } = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ id: "LONG-1", batch: strangers }) });
    const pages = await Promise.all([1, 2, 3].map((p) => statementDetail(w.finance, id!, p)));
    expect(pages.map((p) => [p.page, p.pages, p.lines.length])).toEqual([[1, 3, 500], [2, 3, 500], [3, 3, 200]]);
    expect(new Set(pages.flatMap((p) => p.lines.map((l) => l.id))).size).toBe(1200);
    // A page past the end shows the last one, never nothing.
    expect((await statementDetail(w.finance, id!, 99)).page).toBe(3);
    expect(await statementTotals(w.finance, w.funder.id)).toEqual({ statements: 1, unmatched: 1200 });
    expect(await unmatchedLines(w.finance, w.funder.id)).toHaveLength(500);
  });
});
