// Payment batches (issue 15, item 3): prepared by finance from approved tranches, released by
// another person, downloaded only once released (pain.001 valid against the official XSDs, or
// the CSV), every download audited; the database refuses a tranche in two open batches, a
// release by the preparer, a batch item for an account not ready, a hand-recorded payment of a
// tranche in a batch.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZSepaAccount } from "@/lib/bank/account";
import { batchFile } from "@/lib/bank/batch-file";
import { cancelBatch, listBatches, payableTranches, prepareBatch, releaseBatch } from "@/lib/bank/batches";
import { addFunderBankAccount } from "@/lib/bank/funder-accounts";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { validateAgainst } from "@/tests/support/iso20022";
import { ownerDb } from "../../scripts/lib/owner-client";
import { actorFor, makeStaff, uid } from "../factories";
import { chooseGrantPayee, SAMPLE_IBANS, verifiedAccount } from "../factories/payee";
import { grantWorld } from "../factories/grant-world";

const EXECUTION = "2027-01-11";

async function world(opts: { tranches?: string[] } = {}) {
  const w = await grantWorld({ tranches: opts.tranches ?? ["30000.00", "30000.00"] });
  const admin = await makeStaff(w.funder.id, "FUNDER_ADMIN");
  const debtorAccountId = await addFunderBankAccount(admin, {
    funderId: w.funder.id, currency: "EUR",
    account: ZSepaAccount.parse({ kind: "sepa", iban: "CZ65 0800 0000 1920 0014 5399", bic: "GIBACZPX", holderName: "Ministry of Foreign Affairs" }),
  });
  for (const t of w.tranches) {
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
  }
  const finance2 = await makeStaff(w.funder.id, "FINANCE");
  const prepare = (trancheIds = w.tranches.map((t) => t.id), by = w.finance) =>
    prepareBatch(by, { funderId: w.funder.id, debtorAccountId, kind: "SEPA", requestedExecutionDate: EXECUTION, trancheIds });
  return { ...w, admin, debtorAccountId, finance2, prepare };
}

describe("payment batches", () => {
  it("lists payable tranches, prepares a batch, and frees its tranches from the list", async () => {
    const w = await world();
    const before = await payableTranches(w.finance, w.funder.id);
    expect(before.map((t) => t.trancheId).sort()).toEqual(w.tranches.map((t) => t.id).sort());
    expect(before.every((t) => t.blocked === null && t.payeeMasked.includes("••••"))).toBe(true);
    const { batchId, reference } = await w.prepare();
    expect(reference).toMatch(/^B[A-Z2-9]{20}$/);
    const batch = await db.paymentBatch.findUniqueOrThrow({ where: { id: batchId }, include: { items: true } });
    expect(batch.count).toBe(2);
    expect(batch.total.toFixed(2)).toBe("60000.00");
    expect(new Set(batch.items.map((i) => i.endToEndId)).size).toBe(2);
    expect(await payableTranches(w.finance, w.funder.id)).toEqual([]);
    const audit = await db.auditEvent.findFirst({ where: { action: "paymentBatch.prepared", entityId: batchId } });
    expect(audit).not.toBeNull();
  });

  it("is released by another person only, in lib/ and in the database", async () => {
    const w = await world();
    const { batchId } = await w.prepare();
    await expect(releaseBatch(w.finance, batchId)).rejects.toMatchObject({ code: "fourEyes" });
    await expect(db.paymentBatch.update({ where: { id: batchId }, data: { status: "RELEASED", releasedById: w.finance.userId } })).rejects.toThrow(/PaymentBatch_four_eyes/);
    // An officer may not release at all; another funder's finance sees nothing.
    await expect(releaseBatch(w.officer, batchId)).rejects.toMatchObject({ code: "notFound" });
    const other = await grantWorld();
    await expect(releaseBatch(other.finance, batchId)).rejects.toMatchObject({ code: "notFound" });
    await releaseBatch(w.approver, batchId);
    const released = await db.paymentBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(released.status).toBe("RELEASED");
    expect(released.releasedById).toBe(w.approver.userId);
    await expect(releaseBatch(w.finance2, batchId)).rejects.toMatchObject({ code: "invalidTransition" });
    await expect(cancelBatch(w.finance, batchId)).rejects.toMatchObject({ code: "invalidTransition" });
  });

  it("refuses a tranche in two open batches, and takes it again once its batch is cancelled", async () => {
    const w = await world();
    const first = w.tranches[0]!.id;
    const { batchId } = await w.prepare([first]);
    // Not offered again, and refused when asked for anyway (lib/, then the database's unique index).
    await expect(w.prepare([first], w.finance2)).rejects.toMatchObject({ code: "trancheInBatch" });
    const second = await db.paymentBatch.create({
      data: { funderId: w.funder.id, debtorAccountId: w.debtorAccountId, kind: "SEPA", currency: "EUR", reference: `BTEST${uid()}`.slice(0, 35), requestedExecutionDate: new Date(EXECUTION), count: 1, total: "30000.00", preparedById: w.finance2.userId },
    });
    const item = await db.paymentBatchItem.findFirstOrThrow({ where: { batchId } });
    await expect(db.paymentBatchItem.create({ data: { batchId: second.id, trancheId: first, grantId: item.grantId, payeeAccountId: item.payeeAccountId, amount: item.amount, currency: "EUR", endToEndId: `PTEST${uid()}` } }))
      .rejects.toThrow(/PaymentBatchItem_one_open|Unique constraint/);
    await cancelBatch(w.finance2, batchId);
    const again = await w.prepare([first], w.finance2);
    expect(again.batchId).not.toBe(batchId);
  });

  it("gives a file only once released, valid pain.001 .09 and .03, the same each time, every download audited", async () => {
    const w = await world();
    const { batchId, reference } = await w.prepare();
    await expect(batchFile(w.finance, batchId)).rejects.toMatchObject({ code: "batchNotReleased" });
    await releaseBatch(w.finance2, batchId);
    const f09 = await batchFile(w.finance, batchId);
    expect(f09.filename).toBe(`${reference}.xml`);
    const check09 = await validateAgainst("pain.001.001.09.xsd", f09.body);
    expect(check09.errors).toEqual([]);
    expect(check09.valid).toBe(true);
    const items = await db.paymentBatchItem.findMany({ where: { batchId } });
    for (const i of items) expect(f09.body).toContain(`<EndToEndId>${i.endToEndId}</EndToEndId>`);
    expect(f09.body).toContain("<CtrlSum>60000.00</CtrlSum>");
    expect(f09.body).toContain("<IBAN>DE89370400440532013000</IBAN>");
    // Neutral: nothing in the file names the funder's grant or programme.
    expect(f09.body).not.toContain(w.grant.number);
    const f03 = await batchFile(w.approver, batchId, "pain.001.001.03");
    expect((await validateAgainst("pain.001.001.03.xsd", f03.body)).valid).toBe(true);
    expect((await batchFile(w.finance2, batchId)).sha256).toBe(f09.sha256);
    const downloads = await db.auditEvent.findMany({ where: { action: "paymentBatch.downloaded", entityId: batchId } });
    expect(downloads).toHaveLength(3);
    await expect(batchFile(w.officer, batchId)).rejects.toMatchObject({ code: "notFound" });
  });

  it("is not released once a grant's account changed after it was prepared", async () => {
    const w = await world({ tranches: ["60000.00"] });
    const { batchId } = await w.prepare();
    const member = await actorFor(w.member.id);
    const { accountId } = await verifiedAccount({ organisationId: w.org.id, funderId: w.funder.id, member, finance: w.finance, approver: w.approver, iban: SAMPLE_IBANS[1] });
    await chooseGrantPayee(w.grant.id, accountId, member, w.approver2);
    await expect(releaseBatch(w.finance2, batchId)).rejects.toMatchObject({ code: "batchStale" });
    expect((await db.paymentBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("PREPARED");
  });

  it("refuses a tranche whose account is cooling off", async () => {
    const w = await world({ tranches: ["60000.00"] });
    const t = w.tranches[0]!;
    // The account's confirmation moved to now: the cooling-off period runs again.
    await ownerDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`UPDATE "PayeeVerification" v SET "decidedAt" = now(), "usableFrom" = now() + interval '3 days' FROM "Grant" g WHERE g.id = ${w.grant.id}::uuid AND v."accountId" = g."payeeAccountId"`;
    });
    expect((await payableTranches(w.finance, w.funder.id))[0]?.blocked).toBe("coolingOff");
    await expect(w.prepare([t.id])).rejects.toMatchObject({ code: "payeeCoolingOff" });
    expect(await db.paymentBatch.count({ where: { funderId: w.funder.id } })).toBe(0);
  });

  it("keeps a tranche in a batch from being recorded by hand (lib/ and the database)", async () => {
    const w = await world({ tranches: ["60000.00"] });
    const t = w.tranches[0]!;
    await w.prepare([t.id]);
    await expect(recordPayment(w.finance2, { trancheId: t.id, idempotencyKey: `pay-${uid()}-${uid()}`, valueDate: "2027-01-10", bankReference: "X", beforeStart: true }))
      .rejects.toMatchObject({ code: "trancheInBatch" });
    await expect(db.ledgerEntry.create({ data: { grantId: w.grant.id, trancheId: t.id, kind: "DISBURSEMENT", amount: "60000.00", currency: "EUR", eurAmount: "60000.00", eurRate: "1", valueDate: new Date("2027-01-10"), createdById: w.finance2.userId } }))
      .rejects.toThrow(/most_batch_in_batch/);
  });

  it("lists the funder's batches for finance and approvers only", async () => {
    const w = await world();
    const { batchId } = await w.prepare();
    expect((await listBatches(w.approver, w.funder.id)).map((b) => b.id)).toContain(batchId);
    await expect(listBatches(w.officer, w.funder.id)).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("the prepare form's input", () => {
  it("asks to choose a tranche when none is ticked, and refuses a forged id", async () => {
    const { ZPrepareBatch } = await import("@/lib/bank/batches-schemas");
    const base = { funderId: "0190c7a0-0000-7000-8000-000000000001", debtorAccountId: "0190c7a0-0000-7000-8000-000000000002", kind: "SEPA", requestedExecutionDate: EXECUTION };
    const none = ZPrepareBatch.safeParse(base);
    expect(none.success).toBe(false);
    expect(none.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["trancheIds", "errors.batch.noTranches"]]);
    const forged = ZPrepareBatch.safeParse({ ...base, trancheIds: ["x' OR 1=1"] });
    expect(forged.error?.issues.map((i) => i.message)).toEqual(["errors.field.invalid"]);
    expect(ZPrepareBatch.safeParse({ ...base, trancheIds: "0190c7a0-0000-7000-8000-000000000003" }).data?.trancheIds).toHaveLength(1);
  });
});
