import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeUser } from "../factories";

async function grantWithEntry() {
  const funder = await makeFunder();
  const programme = await makeProgramme(funder.id);
  const call = await makeCall(programme.id);
  const member = await makeUser();
  const org = await makeOrganisation({ members: [{ userId: member.id }] });
  const app = await makeApplication(call.id, org.id, member.id, { status: "APPROVED" });
  const grant = await db.grant.create({
    data: {
      number: `T-${app.reference}`,
      applicationId: app.id,
      funderId: funder.id,
      programmeId: programme.id,
      callId: call.id,
      organisationId: org.id,
      amount: "50000.00",
      currency: "EUR",
      startDate: new Date("2027-01-01"),
      endDate: new Date("2027-12-31"),
      createdById: member.id,
    },
  });
  const entry = await db.ledgerEntry.create({
    data: {
      grantId: grant.id,
      kind: "COMMITMENT",
      amount: "50000.00",
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
  it("rejects UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const { entry } = await grantWithEntry();
    await expect(db.ledgerEntry.update({ where: { id: entry.id }, data: { amount: "1.00" } })).rejects.toThrow(/append-only/);
    await expect(db.ledgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "LedgerEntry" CASCADE`)).rejects.toThrow(/append-only/);
    expect((await db.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).amount.toFixed(2)).toBe("50000.00");
  });

  it("requires a reversal to reference its original and forbids negative disbursements", async () => {
    const { grant, member } = await grantWithEntry();
    const base = { grantId: grant.id, currency: "EUR", eurAmount: "1.00", eurRate: "1", valueDate: new Date(), createdById: member.id };
    await expect(db.ledgerEntry.create({ data: { ...base, kind: "REVERSAL", amount: "-1.00" } })).rejects.toThrow(/LedgerEntry_sign|reversal must undo/);
    await expect(db.ledgerEntry.create({ data: { ...base, kind: "DISBURSEMENT", amount: "-1.00" } })).rejects.toThrow(/LedgerEntry_sign|disbursement needs/);
  });
});
