// Reconciliation from bank statements (issue 15, item 4): a released batch comes back in a
// camt.053 (.02 and .08); each booked debit is recorded in the ledger once, a re-import changes
// nothing, a return reverses the payment and reopens the tranche, lines the portal cannot place
// are listed with a candidate finance confirms, and the database refuses a forged booking.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importStatement } from "@/lib/bank/statements-import";
import { confirmLine, dismissLine, listStatements, unmatchedLines } from "@/lib/bank/statements";
import { recordPayment } from "@/lib/ledger/payments";
import { verifyLedgerAgainstTrail } from "@/lib/audit/ledger-proof";
import { ownerDb } from "../../scripts/lib/owner-client";
import { grantWorld } from "../factories/grant-world";
import { statementWorld } from "../factories/statement-world";

const tranchesOf = (ids: string[]) => db.tranche.findMany({ where: { id: { in: ids } }, orderBy: { sequence: "asc" } });

describe("bank statement reconciliation", () => {
  for (const version of ["camt.053.001.02", "camt.053.001.08"] as const) {
    it(`books each payment of a released batch once (${version}); the same file again changes nothing`, async () => {
      const w = await statementWorld();
      const first = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ version }) });
      expect(first).toMatchObject({ alreadyImported: false, booked: 2, returned: 0, unmatched: 0 });
      const ledger = await db.ledgerEntry.findMany({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } });
      expect(ledger.map((e) => e.amount.toFixed(2)).sort()).toEqual(["20000.00", "30000.00"]);
      expect((await tranchesOf(w.tranches.map((t) => t.id))).map((t) => t.status)).toEqual(["PAID", "PAID"]);
      const lines = await db.bankStatementLine.findMany({ where: { statementId: first.statementIds[0] } });
      expect(lines.every((l) => l.outcome === "BOOKED" && l.ledgerEntryId !== null)).toBe(true);
      const notices = await db.notification.count({ where: { kind: "PAYMENT_RECORDED", link: `/my/grants/${w.grant.id}` } });
      expect(notices).toBeGreaterThan(0);

      const again = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ version }) });
      expect(again.alreadyImported).toBe(true);
      expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(2);
      expect((await verifyLedgerAgainstTrail()).problems.filter((p) => ledger.some((e) => e.id.toString() === p.ledgerEntryId))).toEqual([]);
    });
  }

  it("a statement that reports the same bookings under another id records nothing new", async () => {
    const w = await statementWorld();
    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement() });
    // A different statement: its lines have other keys, but the bookings are the same ones.
    const second = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ id: "STMT-2" }) });
    expect(second).toMatchObject({ booked: 0, repeated: 2 });
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(2);
  });

  it("a return reverses the payment, reopens the tranche and frees it for another batch", async () => {
    const w = await statementWorld();
    await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ skip: [w.items[1]!.endToEndId] }) });
    const returned = w.items[0]!;
    const result = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ id: "STMT-2", skip: w.items.map((i) => i.endToEndId), returns: [{ endToEndId: returned.endToEndId, reason: "AC04" }] }) });
    expect(result).toMatchObject({ returned: 1, booked: 0 });
    const entries = await db.ledgerEntry.findMany({ where: { trancheId: returned.trancheId }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, e.amount.toFixed(2)])).toEqual([["DISBURSEMENT", returned.amount.toFixed(2)], ["REVERSAL", returned.amount.negated().toFixed(2)]]);
    expect(entries[1]).toMatchObject({ noteCode: "BANK_RETURN", note: "AC04", reversesId: entries[0]!.id });
    expect((await db.tranche.findUniqueOrThrow({ where: { id: returned.trancheId } })).status).toBe("APPROVED");
    expect((await db.paymentBatchItem.findUniqueOrThrow({ where: { id: returned.id } })).open).toBe(false);
    expect(await db.notification.count({ where: { kind: "PAYMENT_RETURNED", link: `/my/grants/${w.grant.id}` } })).toBeGreaterThan(0);
    // The tranche is payable again (by hand or in a new batch): the closed item no longer holds it.
    await expect(recordPayment(w.finance, { trancheId: returned.trancheId, idempotencyKey: `k-${returned.id}`, valueDate: "2027-01-20", bankReference: "MANUAL" })).resolves.toBeDefined();
  });

  it("lists what it cannot place, offers the one payment that fits, and books it only when finance confirms", async () => {
    const w = await statementWorld();
    // The bank lost our reference on one payment; the other is booked normally.
    const lost = { ...w.sent, payments: w.sent.payments.map((p, i) => (i === 0 ? { ...p, endToEndId: "NOTPROVIDED" } : p)) };
    const result = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ batch: lost }) });
    expect(result).toMatchObject({ booked: 1, unmatched: 1 });
    const [line] = await unmatchedLines(w.finance, w.funder.id);
    expect(line).toMatchObject({ issue: "NO_REFERENCE", suggestion: { itemId: w.items[0]!.id } });
    expect((await tranchesOf([w.items[0]!.trancheId]))[0]!.status).toBe("APPROVED");
    const listed = await listStatements(w.finance, w.funder.id);
    expect(listed[0]!.counts).toMatchObject({ BOOKED: 1, UNMATCHED: 1 });
    // Another funder's finance sees nothing of it.
    const stranger = (await grantWorld()).finance;
    await expect(confirmLine(stranger, line!.id)).rejects.toMatchObject({ code: "notFound" });
    await confirmLine(w.finance, line!.id);
    expect((await tranchesOf([w.items[0]!.trancheId]))[0]!.status).toBe("PAID");
    await expect(confirmLine(w.finance, line!.id)).rejects.toMatchObject({ code: "alreadyDone" });
    await expect(dismissLine(w.finance, line!.id)).rejects.toMatchObject({ code: "alreadyDone" });
    expect(await unmatchedLines(w.finance, w.funder.id)).toEqual([]);
  });

  it("offers a payment to each of several lines without our reference, but none to lines that compete for one", async () => {
    const w = await statementWorld();
    const lost = { ...w.sent, payments: w.sent.payments.map((p) => ({ ...p, endToEndId: "NOTPROVIDED" })) };
    expect(await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ batch: lost }) })).toMatchObject({ booked: 0, unmatched: 2 });
    const offered = (await unmatchedLines(w.finance, w.funder.id)).map((l) => [l.amount, l.suggestion?.itemId]).sort();
    expect(offered).toEqual(w.items.map((i) => [i.amount.toFixed(2), i.id]).sort());

    // Two lines of the same amount: one payment fits both, so neither is offered it.
    const v = await statementWorld();
    const twice = { ...v.sent, payments: [v.sent.payments[0]!, v.sent.payments[0]!].map((p) => ({ ...p, endToEndId: "NOTPROVIDED" })) };
    expect(await importStatement(v.finance, { funderId: v.funder.id, file: v.statement({ batch: twice }) })).toMatchObject({ unmatched: 2 });
    const competing = await unmatchedLines(v.finance, v.funder.id);
    expect(competing).toHaveLength(2);
    expect(competing.map((l) => l.suggestion)).toEqual([null, null]);
  });

  it("refuses a file of another account, or a damaged one, whole", async () => {
    const w = await statementWorld();
    const foreign = { ...w.sent, debtor: { ...w.sent.debtor, iban: "DE89370400440532013000" } };
    await expect(importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ batch: foreign }) })).rejects.toMatchObject({ code: "validation", fields: { file: "errors.statement.unknownAccount" } });
    const cut = w.statement().slice(0, 900);
    await expect(importStatement(w.finance, { funderId: w.funder.id, file: cut })).rejects.toMatchObject({ code: "validation" });
    await expect(importStatement(w.officer, { funderId: w.funder.id, file: w.statement() })).rejects.toMatchObject({ code: "notFound" });
    expect(await db.bankStatement.count({ where: { funderId: w.funder.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(0);
  });

  it("the database refuses a booking the statement does not back, and an edit of what it says", async () => {
    const w = await statementWorld();
    const r = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ skip: [w.items[1]!.endToEndId] }) });
    const line = (await db.bankStatementLine.findFirstOrThrow({ where: { statementId: r.statementIds[0] } }));
    const open = w.items[1]!;
    const forged = { grantId: open.grantId, trancheId: open.trancheId, kind: "DISBURSEMENT" as const, amount: open.amount, currency: "EUR", eurAmount: open.amount, eurRate: 1, valueDate: new Date("2027-01-12"), createdById: w.finance.userId };
    // A key naming a line that booked another payment, or no line at all.
    await expect(db.ledgerEntry.create({ data: { ...forged, idempotencyKey: `bank:${line.id}` } })).rejects.toThrow(/most_bank_key/);
    await expect(db.ledgerEntry.create({ data: { ...forged, idempotencyKey: "bank:not-a-line" } })).rejects.toThrow(/most_bank_key/);
    await expect(db.ledgerEntry.create({ data: { ...forged, idempotencyKey: "manual-1" } })).rejects.toThrow(/most_batch_in_batch/);
    await expect(db.bankStatementLine.update({ where: { id: line.id }, data: { amount: "1.00" } })).rejects.toThrow(/cannot change/);
    // The portal's login may not delete; the owner's is stopped by the trigger.
    await expect(db.bankStatementLine.delete({ where: { id: line.id } })).rejects.toThrow(/permission denied/);
    await expect(ownerDb().bankStatementLine.delete({ where: { id: line.id } })).rejects.toThrow(/not allowed/);
    await expect(ownerDb().bankStatement.update({ where: { id: line.statementId }, data: { lineCount: 0 } })).rejects.toThrow(/not allowed/);
  });

  it("the database keeps one booking line per payment", async () => {
    const w = await statementWorld();
    const r = await importStatement(w.finance, { funderId: w.funder.id, file: w.statement({ skip: [w.items[1]!.endToEndId] }) });
    const booked = await db.bankStatementLine.findFirstOrThrow({ where: { statementId: r.statementIds[0], outcome: "BOOKED" } });
    // A second line booking the same payment, shaped so every trigger lets it through (its own
    // statement's funder and account, the payment's amount): only the unique index stops it.
    const { id: _id, ledgerEntryId: _e, resolvedById: _r, resolvedAt: _a, ...copy } = booked;
    const second = { ...copy, lineKey: `${booked.lineKey}:forged`, bankReference: "FORGED-2" };
    const refused = await db.bankStatementLine.create({ data: second }).then(() => null, (e: unknown) => e as { code?: string; meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } });
    expect(refused?.code).toBe("P2002");
    expect(refused?.meta?.driverAdapterError?.cause?.originalMessage).toMatch(/unique constraint "BankStatementLine_one_booked"/);
    // The same line as a repeat of the booking is what the import writes, and is allowed.
    await expect(db.bankStatementLine.create({ data: { ...second, outcome: "REPEATED" } })).resolves.toMatchObject({ batchItemId: booked.batchItemId });
    expect(await db.bankStatementLine.count({ where: { batchItemId: booked.batchItemId, outcome: "BOOKED" } })).toBe(1);
  });
});
