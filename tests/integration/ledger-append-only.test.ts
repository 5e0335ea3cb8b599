import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ownerDb } from "../../scripts/lib/owner-client";
import { screenOrganisation } from "@/lib/sanctions/screen";
import { makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeUser } from "../factories";

async function grantWithEntry(amount = "50000.00", commitment: string | null = amount) {
  const funder = await makeFunder();
  const programme = await makeProgramme(funder.id);
  const call = await makeCall(programme.id);
  const member = await makeUser();
  const org = await makeOrganisation({ members: [{ userId: member.id }] });
  const app = await makeApplication(call.id, org.id, member.id, { status: "APPROVED" });
  // A grant is only written for a screened organisation (the sanctions guard).
  await screenOrganisation(org.id, "MANUAL");
  const grant = await db.grant.create({
    data: {
      number: `T-${app.reference}`,
      applicationId: app.id,
      funderId: funder.id,
      programmeId: programme.id,
      callId: call.id,
      organisationId: org.id,
      amount,
      currency: "EUR",
      startDate: new Date("2027-01-01"),
      endDate: new Date("2027-12-31"),
      createdById: member.id,
    },
  });
  if (commitment === null) return { grant, entry: null, member };
  const entry = await db.ledgerEntry.create({
    data: {
      grantId: grant.id,
      kind: "COMMITMENT",
      amount: commitment,
      currency: "EUR",
      eurAmount: "50000.00",
      eurRate: "1",
      valueDate: new Date("2027-01-01"),
      createdById: member.id,
    },
  });
  return { grant, entry, member };
}

describe("ledger table", () => {
  it("refuses UPDATE, DELETE and TRUNCATE to the portal's login (no grant), and to the owner's (the trigger)", async () => {
    const { entry } = await grantWithEntry();
    if (!entry) throw new Error("no entry");
    await expect(db.ledgerEntry.update({ where: { id: entry.id }, data: { amount: "1.00" } })).rejects.toThrow(/permission denied for table LedgerEntry/);
    await expect(db.ledgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/permission denied for table LedgerEntry/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "LedgerEntry" CASCADE`)).rejects.toThrow(/permission denied for table LedgerEntry/);
    const owner = ownerDb();
    await expect(owner.ledgerEntry.update({ where: { id: entry.id }, data: { amount: "1.00" } })).rejects.toThrow(/append-only/);
    await expect(owner.ledgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(owner.$executeRawUnsafe(`TRUNCATE "LedgerEntry" CASCADE`)).rejects.toThrow(/append-only/);
    expect((await db.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).amount.toFixed(2)).toBe("50000.00");
  });

  it("requires a reversal to reference its original and forbids negative disbursements", async () => {
    const { grant, member } = await grantWithEntry();
    const base = { grantId: grant.id, currency: "EUR", eurAmount: "1.00", eurRate: "1", valueDate: new Date(), createdById: member.id };
    await expect(db.ledgerEntry.create({ data: { ...base, kind: "REVERSAL", amount: "-1.00" } })).rejects.toThrow(/LedgerEntry_sign|reversal must undo/);
    await expect(db.ledgerEntry.create({ data: { ...base, kind: "DISBURSEMENT", amount: "-1.00" } })).rejects.toThrow(/LedgerEntry_sign|disbursement needs/);
  });

  it("refuses commitments above the grant amount, counting reversals of commitments", async () => {
    const { grant, member } = await grantWithEntry("120000.00", null);
    // A forged row, straight in SQL as the issue reproduced it: refused by the database itself.
    const commit = (amount: string) => db.$executeRaw`
      INSERT INTO "LedgerEntry" ("grantId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "createdById")
      VALUES (${grant.id}::uuid, 'COMMITMENT', ${amount}::numeric, 'EUR', ${amount}::numeric, 1, CURRENT_DATE, ${member.id}::uuid)`;
    await expect(commit("1000000.00")).rejects.toThrow(/commitments would exceed the grant amount/);
    expect(await commit("120000.00")).toBe(1);
    await expect(commit("0.01")).rejects.toThrow(/commitments would exceed the grant amount/);
    // Reversing the commitment makes room again (termination re-commits what was paid).
    const first = await db.ledgerEntry.findFirstOrThrow({ where: { grantId: grant.id, kind: "COMMITMENT" } });
    await db.ledgerEntry.create({ data: { grantId: grant.id, kind: "REVERSAL", amount: "-120000.00", currency: "EUR", eurAmount: "-120000.00", eurRate: "1", valueDate: new Date(), reversesId: first.id, createdById: member.id } });
    expect(await commit("50000.00")).toBe(1);
    await expect(commit("70000.01")).rejects.toThrow(/commitments would exceed/);
    // The grant amount cannot drop below what is committed; raising it makes room for more.
    await expect(db.grant.update({ where: { id: grant.id }, data: { amount: "49999.99" } })).rejects.toThrow(/below what the ledger has committed/);
    await db.grant.update({ where: { id: grant.id }, data: { amount: "200000.00" } });
    expect(await commit("150000.00")).toBe(1);
    await expect(commit("0.01")).rejects.toThrow(/commitments would exceed/);
  });
});
