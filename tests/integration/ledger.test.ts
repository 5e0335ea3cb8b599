import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { computeBalances, reconcile } from "@/lib/ledger/balances";
import { approvePayment, recordPayment, requestPayment, reversePayment } from "@/lib/ledger/payments";
import { saveSchedule } from "@/lib/grants/schedule";
import { setGrantStatus } from "@/lib/grants/status";
import { translatorFor } from "@/lib/i18n/messages";
import { makeStaff } from "../factories";
import { grantWorld } from "../factories/grant-world";

const key = () => randomUUID().replaceAll("-", "");
const pay = (trancheId: string, idempotencyKey = key()) => ({ trancheId, idempotencyKey, valueDate: new Date().toISOString().slice(0, 10), bankReference: "BANK-REF-1" });

// Whatever a test did, the ledger, the tranches and the grant must still agree.
const touched = new Set<string>();
afterEach(async () => {
  for (const id of touched) {
    const g = await db.grant.findUniqueOrThrow({ where: { id }, include: { tranches: true, ledgerEntries: true } });
    expect({ grant: g.number, ...reconcile(g, g.tranches, g.ledgerEntries) }).toEqual({ grant: g.number, ok: true, problems: [] });
  }
  touched.clear();
});

async function approvedTranche() {
  const w = await grantWorld();
  touched.add(w.grant.id);
  const t = w.tranches[0]!;
  await requestPayment(w.officer, t.id);
  await approvePayment(w.approver, t.id);
  return { ...w, t };
}

describe("separation of duties", () => {
  it("refuses every pair of steps taken by the same person", async () => {
    const w = await grantWorld();
    touched.add(w.grant.id);
    const [t1, t2] = w.tranches;
    const both = await makeStaff(w.funder.id, "OFFICER", "APPROVER", "FINANCE");
    // request + approve
    await requestPayment(both, t1!.id);
    await expect(approvePayment(both, t1!.id)).rejects.toMatchObject({ code: "fourEyes" });
    // approve + record
    await approvePayment(w.approver, t1!.id);
    const approverFinance = await makeStaff(w.funder.id, "FINANCE");
    await expect(recordPayment(both, pay(t1!.id))).rejects.toMatchObject({ code: "fourEyes" });
    // request + record, approve + record with a person holding approver and finance
    await requestPayment(w.officer, t2!.id);
    const apprFin = await makeStaff(w.funder.id, "APPROVER", "FINANCE");
    await approvePayment(apprFin, t2!.id);
    await expect(recordPayment(apprFin, pay(t2!.id))).rejects.toMatchObject({ code: "fourEyes" });
    await recordPayment(approverFinance, pay(t1!.id));
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(1);
  });

  it("is enforced by the database too, whatever the code does", async () => {
    const w = await grantWorld();
    touched.add(w.grant.id);
    const t = w.tranches[0]!;
    await expect(db.tranche.update({ where: { id: t.id }, data: { status: "APPROVED", requestedById: w.officer.userId, approvedById: w.officer.userId } })).rejects.toThrow(/Tranche_sod_approve/);
    await expect(db.tranche.update({ where: { id: t.id }, data: { status: "PAID", requestedById: w.officer.userId, approvedById: w.approver.userId, paidById: w.approver.userId } })).rejects.toThrow(/Tranche_sod_pay/);
  });

  it("refuses roles without the permission and staff of other funders", async () => {
    const w = await grantWorld();
    touched.add(w.grant.id);
    const other = await grantWorld();
    touched.add(other.grant.id);
    await expect(requestPayment(w.finance, w.tranches[0]!.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(requestPayment(other.officer, w.tranches[0]!.id)).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("recording a payment", () => {
  it("writes one disbursement with its EUR value and marks the tranche paid", async () => {
    const w = await approvedTranche();
    const r = await recordPayment(w.finance, pay(w.t.id));
    expect(r).toMatchObject({ amount: "30000.00", currency: "EUR", eurAmount: "30000.00" });
    expect((await db.tranche.findUniqueOrThrow({ where: { id: w.t.id } })).status).toBe("PAID");
    const balances = computeBalances(await db.ledgerEntry.findMany({ where: { grantId: w.grant.id } }));
    expect(balances).toMatchObject({ committed: "60000.00", disbursed: "30000.00", remaining: "30000.00" });
  });

  it("pays before the grant starts only when that is confirmed, and says so in the audit trail", async () => {
    const w = await approvedTranche();
    const dayBefore = new Date(w.grant.startDate.getTime() - 86_400_000).toISOString().slice(0, 10);
    await expect(recordPayment(w.finance, { ...pay(w.t.id), valueDate: dayBefore })).rejects.toMatchObject({ code: "validation", fields: { valueDate: "errors.payment.beforeStart" } });
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(0);
    expect((await db.tranche.findUniqueOrThrow({ where: { id: w.t.id } })).status).toBe("APPROVED");
    const r = await recordPayment(w.finance, { ...pay(w.t.id), valueDate: dayBefore, beforeStart: true });
    expect(r.valueDate).toBe(dayBefore);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "payment.recorded", entityId: r.ledgerEntryId } });
    expect(event.after).toMatchObject({ valueDate: dayBefore, beforeStart: true });
    // On the start day itself nothing needs confirming.
    const other = await approvedTranche();
    const onStart = await recordPayment(other.finance, { ...pay(other.t.id), valueDate: other.grant.startDate.toISOString().slice(0, 10) });
    expect(onStart.valueDate).toBe(other.grant.startDate.toISOString().slice(0, 10));
  });

  it("gives the same answer for the same key and writes one entry, even for 50 at once", async () => {
    const w = await approvedTranche();
    const input = pay(w.t.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => recordPayment(w.finance, input)));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(1);
    // And once more, later: still the same answer.
    expect(await recordPayment(w.finance, input)).toEqual(results[0]);
    // Two finance users pressing at once with different keys: only one payment.
    const f2 = await makeStaff(w.funder.id, "FINANCE");
    await expect(recordPayment(f2, pay(w.t.id))).rejects.toMatchObject({ code: "invalidTransition" });
  });

  it("never pays beyond the grant, with 20 payments racing on different keys", async () => {
    const w = await grantWorld({ amount: "60000.00", tranches: ["20000.00", "20000.00", "20000.00"] });
    touched.add(w.grant.id);
    for (const t of w.tranches) {
      await requestPayment(w.officer, t.id);
      await approvePayment(w.approver, t.id);
    }
    const financeTeam = await Promise.all(Array.from({ length: 4 }, () => makeStaff(w.funder.id, "FINANCE")));
    const attempts = Array.from({ length: 20 }, (_, i) => recordPayment(financeTeam[i % 4]!, pay(w.tranches[i % 3]!.id)));
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const sum = await db.ledgerEntry.aggregate({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" }, _sum: { amount: true } });
    expect(sum._sum.amount?.toFixed(2)).toBe("60000.00");
  });

  it("lets exactly one of 20 forged disbursements racing for one paid tranche through", async () => {
    // The tranche is marked paid by its payer straight in SQL, with no ledger row yet: only
    // the database's guard (one standing disbursement per tranche, under the grant's lock) decides.
    const w = await approvedTranche();
    await db.$executeRaw`UPDATE "Tranche" SET status = 'PAID', "paidById" = ${w.finance.userId}::uuid, "paidAt" = now() WHERE id = ${w.t.id}::uuid`;
    const forge = () => db.$executeRaw`
      INSERT INTO "LedgerEntry" ("grantId", "trancheId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "createdById")
      VALUES (${w.grant.id}::uuid, ${w.t.id}::uuid, 'DISBURSEMENT', 30000.00, 'EUR', 30000.00, 1, CURRENT_DATE, ${w.finance.userId}::uuid)`;
    const results = await Promise.allSettled(Array.from({ length: 20 }, forge));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refusals = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
    expect(refusals).toHaveLength(19);
    for (const r of refusals) expect(r).toMatch(/this tranche is already paid/);
    expect(await db.ledgerEntry.count({ where: { trancheId: w.t.id, kind: "DISBURSEMENT" } })).toBe(1);
  });

  it("is guarded by the database against paying a tranche twice or another amount, even outside the code path", async () => {
    const w = await approvedTranche();
    const { ledgerEntryId } = await recordPayment(w.finance, pay(w.t.id));
    const forged = (amount: string) =>
      db.ledgerEntry.create({
        data: { grantId: w.grant.id, trancheId: w.t.id, kind: "DISBURSEMENT", amount, currency: "EUR", eurAmount: amount, eurRate: "1", valueDate: new Date(), createdById: w.finance.userId },
      });
    await expect(forged("30000.00")).rejects.toThrow(/this tranche is already paid/);
    await expect(forged("0.01")).rejects.toThrow(/pays its tranche's amount 30000.00/);
    // Once reversed, the tranche may be paid again, by its amount only.
    await reversePayment(w.finance, { ledgerEntryId: BigInt(ledgerEntryId), idempotencyKey: key(), reason: "Wrong account.", valueDate: pay(w.t.id).valueDate });
    await db.$executeRaw`UPDATE "Tranche" SET status = 'PAID', "paidById" = ${w.finance.userId}::uuid WHERE id = ${w.t.id}::uuid`;
    await expect(forged("30000.01")).rejects.toThrow(/pays its tranche's amount/);
    await expect(forged("30000.00")).resolves.toMatchObject({ kind: "DISBURSEMENT" });
  });

  it("still holds the grant ceiling when a tranche's amount is raised inside the same transaction", async () => {
    // The schedule's sum is checked at commit; the ledger guard refuses at the insert already.
    const w = await approvedTranche();
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "Tranche" SET "plannedAmount" = 60000.01, status = 'PAID', "paidById" = ${w.finance.userId}::uuid WHERE id = ${w.t.id}::uuid`;
        await tx.$executeRaw`
          INSERT INTO "LedgerEntry" ("grantId", "trancheId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "createdById")
          VALUES (${w.grant.id}::uuid, ${w.t.id}::uuid, 'DISBURSEMENT', 60000.01, 'EUR', 60000.01, 1, CURRENT_DATE, ${w.finance.userId}::uuid)`;
      }),
    ).rejects.toThrow(/disbursements would exceed the grant amount/);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(0);
  });

  it("converts at the value date's rate or the last one before it, and refuses a date without any", async () => {
    const w = await grantWorld({ currency: "CZK", amount: "50000.00", tranches: ["50000.00"] });
    touched.add(w.grant.id);
    const t = w.tranches[0]!;
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
    await expect(recordPayment(w.finance, { ...pay(t.id), valueDate: "1999-01-04", beforeStart: true })).rejects.toMatchObject({ code: "fxMissing" });
    // The bank paid 1 960 EUR (its own rate, 25.51 CZK/EUR); the ledger's EUR value is at the
    // ECB rate (25 CZK/EUR): the two rates differ, so a mix-up would show.
    const r = await recordPayment(w.finance, { ...pay(t.id), paidCurrency: "EUR", paidAmount: "1960.00" });
    expect(r.eurAmount).toBe("2000.00"); // 50 000 CZK at the ECB's 25 CZK/EUR
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } });
    expect(entry.eurRate.toFixed(8)).toBe("25.00000000");
    expect(entry.paidAmount?.toFixed(2)).toBe("1960.00");
    expect(entry.paidFxRate?.toFixed(8)).toBe("25.51020408"); // 50 000 / 1 960
    expect(entry.eurAmount.toFixed(2)).toBe("2000.00");
  });
});

describe("corrections", () => {
  it("reverse a payment with a new entry, restoring the balance, and allow paying again", async () => {
    const w = await approvedTranche();
    const r = await recordPayment(w.finance, pay(w.t.id));
    const reversal = { ledgerEntryId: BigInt(r.ledgerEntryId), idempotencyKey: key(), reason: "Returned by the bank", valueDate: new Date().toISOString().slice(0, 10) };
    await reversePayment(w.finance, reversal);
    await reversePayment(w.finance, reversal); // the same key again: no second reversal
    const entries = await db.ledgerEntry.findMany({ where: { grantId: w.grant.id } });
    expect(entries.map((e) => [e.kind, e.amount.toFixed(2)])).toEqual([["COMMITMENT", "60000.00"], ["DISBURSEMENT", "30000.00"], ["REVERSAL", "-30000.00"]]);
    expect(computeBalances(entries)).toMatchObject({ disbursed: "0.00", remaining: "60000.00" });
    await expect(reversePayment(w.finance, { ...reversal, idempotencyKey: key() })).rejects.toMatchObject({ code: "alreadyDone" });
    // The original row is untouched and the tranche can be paid again.
    expect((await db.tranche.findUniqueOrThrow({ where: { id: w.t.id } })).status).toBe("APPROVED");
    await recordPayment(w.finance, pay(w.t.id));
  });

  it("reverses once when ten colleagues press at the same moment; the others hear it is already done", async () => {
    const w = await approvedTranche();
    const r = await recordPayment(w.finance, pay(w.t.id));
    const team = await Promise.all(Array.from({ length: 5 }, () => makeStaff(w.funder.id, "FINANCE")));
    const valueDate = new Date().toISOString().slice(0, 10);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => reversePayment(team[i % 5]!, { ledgerEntryId: BigInt(r.ledgerEntryId), idempotencyKey: key(), reason: "Returned by the bank", valueDate })),
    );
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((x) => x.status === "rejected").map((x) => (x as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill("alreadyDone"));
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "REVERSAL" } })).toBe(1);
    // Ten twins of one submission (one key) all get the one reversal back.
    const again = await recordPayment(w.finance, pay(w.t.id));
    const twin = { ledgerEntryId: BigInt(again.ledgerEntryId), idempotencyKey: key(), reason: "Twice", valueDate };
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => reversePayment(team[i % 5]!, twin)));
    expect(new Set(ids).size).toBe(1);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "REVERSAL" } })).toBe(2);
  });
});

describe("termination", () => {
  it("cuts the commitment to what was paid, past the database's commitment guard", async () => {
    const w = await approvedTranche();
    await recordPayment(w.finance, pay(w.t.id));
    await setGrantStatus(w.officer, w.grant.id, "TERMINATED", "Organisation dissolved");
    const entries = await db.ledgerEntry.findMany({ where: { grantId: w.grant.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, e.amount.toFixed(2)])).toEqual([["COMMITMENT", "60000.00"], ["DISBURSEMENT", "30000.00"], ["REVERSAL", "-60000.00"], ["COMMITMENT", "30000.00"]]);
    expect(computeBalances(entries)).toMatchObject({ committed: "30000.00", disbursed: "30000.00", remaining: "0.00" });
  });
});

describe("ledger notes", () => {
  it("are codes when the portal writes them, translated when shown; a person's reason stays as typed", async () => {
    const w = await approvedTranche();
    await recordPayment(w.finance, pay(w.t.id));
    await setGrantStatus(w.officer, w.grant.id, "TERMINATED", "Organisation dissolved");
    const entries = await db.ledgerEntry.findMany({ where: { grantId: w.grant.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, e.noteCode, e.note])).toEqual([
      ["COMMITMENT", "COMMITMENT_ON_APPROVAL", null],
      ["DISBURSEMENT", null, null],
      ["REVERSAL", "TERMINATION", "Organisation dissolved"],
      ["COMMITMENT", "COMMITMENT_REDUCED", null],
    ]);
    expect(translatorFor("cs")("grant.ledgerNote.TERMINATION", { reason: entries[2]!.note! })).toBe("Ukončení: Organisation dissolved");
    expect(translatorFor("ru")(`grant.ledgerNote.${entries[0]!.noteCode!}`)).toBe("Обязательство при одобрении");
  });
});

describe("tranche schedule", () => {
  it("must add up to the grant amount, in the code and in the database", async () => {
    const w = await grantWorld();
    touched.add(w.grant.id);
    await expect(
      saveSchedule(w.officer, { grantId: w.grant.id, version: w.grant.version, tranches: [{ plannedAmount: "10000.00", plannedDate: "2027-01-01", condition: "NONE" }] }),
    ).rejects.toMatchObject({ code: "validation", fields: { tranches: "errors.schedule.sum" } });
    await expect(db.tranche.create({ data: { grantId: w.grant.id, sequence: 99, plannedAmount: "1.00", plannedDate: new Date() } })).rejects.toThrow(/add up to/);
  });

  it("keeps paid tranches and replaces planned ones", async () => {
    const w = await approvedTranche();
    await recordPayment(w.finance, pay(w.t.id));
    const g = await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } });
    await saveSchedule(w.officer, { grantId: g.id, version: g.version, tranches: [{ plannedAmount: "10000.00", plannedDate: "2027-03-01", condition: "NONE" }, { plannedAmount: "20000.00", plannedDate: "2027-06-01", condition: "NONE" }] });
    const tranches = await db.tranche.findMany({ where: { grantId: g.id }, orderBy: { sequence: "asc" } });
    expect(tranches.map((t) => [t.sequence, t.status, t.plannedAmount.toFixed(2)])).toEqual([[1, "PAID", "30000.00"], [2, "PLANNED", "10000.00"], [3, "PLANNED", "20000.00"]]);
  });

  it("keeps the report list in step with the conditions, without touching reports already handed in", async () => {
    const w = await grantWorld({ conditions: ["NONE", "INTERIM_REPORT_ACCEPTED"] });
    touched.add(w.grant.id);
    const reports = () => db.report.findMany({ where: { grantId: w.grant.id }, orderBy: [{ kind: "asc" }, { dueDate: "asc" }] });
    const save = async (condition: "NONE" | "INTERIM_REPORT_ACCEPTED" | "FINAL_REPORT_ACCEPTED", date = "2027-06-15") => {
      const g = await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } });
      await saveSchedule(w.officer, { grantId: g.id, version: g.version, tranches: [{ plannedAmount: "30000.00", plannedDate: "2027-01-15", condition: "NONE" }, { plannedAmount: "30000.00", plannedDate: date, condition }] });
    };
    const [interim] = (await reports()).filter((r) => r.kind === "INTERIM");
    // Saved again unchanged, or with a new date: the same report (its links stay valid), due 14 days before.
    await save("INTERIM_REPORT_ACCEPTED", "2027-03-15");
    expect((await reports()).map((r) => [r.id, r.kind, r.dueDate.toISOString().slice(0, 10)])).toEqual([[interim!.id, "INTERIM", "2027-03-01"], [expect.any(String), "FINAL", expect.any(String)]]);
    // No tranche waits for an interim report any more: the one not yet started is withdrawn.
    await save("FINAL_REPORT_ACCEPTED");
    expect((await reports()).map((r) => [r.kind, r.status])).toEqual([["FINAL", "DUE"]]);
    await save("INTERIM_REPORT_ACCEPTED");
    expect((await reports()).map((r) => [r.kind, r.status])).toEqual([["INTERIM", "DUE"], ["FINAL", "DUE"]]);
    // A report handed in stays, whatever the schedule says next.
    const handedIn = (await reports())[0]!;
    await db.report.update({ where: { id: handedIn.id }, data: { status: "SUBMITTED", submittedAt: new Date(), submittedById: w.member.id } });
    await save("FINAL_REPORT_ACCEPTED");
    expect((await reports()).map((r) => [r.id === handedIn.id, r.kind, r.status])).toEqual([[true, "INTERIM", "SUBMITTED"], [false, "FINAL", "DUE"]]);
  });

  it("holds a tranche until the report it depends on is accepted", async () => {
    const w = await grantWorld({ conditions: ["NONE", "INTERIM_REPORT_ACCEPTED"] });
    touched.add(w.grant.id);
    await expect(requestPayment(w.officer, w.tranches[1]!.id)).rejects.toMatchObject({ code: "conditionNotMet" });
    const interim = await db.report.findFirstOrThrow({ where: { grantId: w.grant.id, kind: "INTERIM" } });
    expect(interim.dueDate.toISOString().slice(0, 10)).toBe("2027-02-01");
    await db.report.update({ where: { id: interim.id }, data: { status: "ACCEPTED" } });
    await requestPayment(w.officer, w.tranches[1]!.id);
  });
});
