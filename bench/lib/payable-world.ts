// The world the payment benchmarks start from: one funder with its officer, approver and
// finance, one screened organisation, `grants` active grants of `tranches` approved tranches
// each (bulk rows in SQL), every grant naming one verified, cooled-off payee account. What
// the guards of the payment path check is true of it; the setup is not what is measured.
// Call after benchDatabase() (lib/ reads its environment on import).
import { createPerson } from "../../lib/users/personal-data";

export async function payableWorld(o: { grants: number; tranches: number; variedAmounts?: boolean }) {
  const { db } = await import("../../lib/db");
  const { actorForUser } = await import("../../lib/auth/actor");
  const { ownerDb } = await import("../../scripts/lib/owner-client");
  const { addPayeeAccount } = await import("../../lib/bank/accounts");
  const { confirmPayeeVerification, recordPayeeVerification } = await import("../../lib/bank/accounts-verification");
  const { ZPayeeAccount } = await import("../../lib/bank/account");

  const funder = await db.funder.create({ data: { code: "BENCH", name: "Bench funder", country: "CZ" } });
  const [officer, approver, finance] = await Promise.all(
    ["officer", "approver", "finance"].map((n) => db.$transaction((tx) => createPerson(tx, { email: `${n}@bench.most`, name: n, passwordHash: "x" }))),
  );
  await db.staffRole.createMany({ data: [
    { userId: officer!.id, funderId: funder.id, role: "OFFICER" },
    { userId: approver!.id, funderId: funder.id, role: "APPROVER" },
    { userId: finance!.id, funderId: funder.id, role: "FINANCE" },
  ] });
  const programme = await db.programme.create({ data: { funderId: funder.id, code: "B", name: "Bench", currency: "EUR", budget: "100000000000.00" } });
  const call = await db.call.create({ data: {
    programmeId: programme.id, reference: "BENCH-1", kind: "REGULAR", status: "CLOSED", title: { en: "Bench" }, summary: {}, eligibilitySummary: {},
    languages: ["en"], opensAt: new Date(Date.now() - 9e9), closesAt: new Date(Date.now() - 1e9), currency: "EUR",
    envelope: "100000000000.00", minGrant: "1.00", maxGrant: "100000000000.00",
  } });
  const org = await db.organisation.create({ data: { codename: "Bench Org 1", publicName: "Bench Org", operatingStatus: "EXILE", operatingCountry: "LV" } });
  // Awards and payments need a screening of the organisation against the lists in force (issue 14).
  await (await import("../../lib/sanctions/screen")).screenOrganisation(org.id, "DECISION");
  // Each tranche 1000.00, or (variedAmounts) an amount with cents that floats would sum wrong.
  const varied = o.variedAmounts ?? false;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Application" (id, reference, "callId", "funderId", "organisationId", status, title, currency, "requestedAmount", "createdById", "submittedAt", "updatedAt")
      SELECT gen_random_uuid(), 'B-' || g, ${call.id}::uuid, ${funder.id}::uuid, ${org.id}::uuid, 'APPROVED', 'Bench ' || g, 'EUR',
             ${o.tranches}::int * (CASE WHEN ${varied}::boolean THEN (g % 9000) + 1 + ((g * 7) % 100) / 100.0 ELSE 1000 END), ${officer!.id}::uuid, now(), now()
      FROM generate_series(1, ${o.grants}) g`;
    await tx.$executeRaw`
      INSERT INTO "Grant" (id, number, "applicationId", "funderId", "programmeId", "callId", "organisationId", amount, currency, "startDate", "endDate", "createdById")
      SELECT gen_random_uuid(), 'BENCH-' || a.reference, a.id, a."funderId", ${programme.id}::uuid, a."callId", a."organisationId", a."requestedAmount", 'EUR', current_date, current_date + 365, ${approver!.id}::uuid
      FROM "Application" a WHERE a."callId" = ${call.id}::uuid`;
    await tx.$executeRaw`
      INSERT INTO "LedgerEntry" ("grantId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "createdById")
      SELECT id, 'COMMITMENT', amount, 'EUR', amount, 1, current_date, ${approver!.id}::uuid FROM "Grant" WHERE "callId" = ${call.id}::uuid`;
    await tx.$executeRaw`
      INSERT INTO "Tranche" (id, "grantId", sequence, "plannedAmount", "plannedDate", status, "requestedById", "requestedAt", "approvedById", "approvedAt")
      SELECT gen_random_uuid(), g.id, s, g.amount / ${o.tranches}::int, current_date, 'APPROVED', ${officer!.id}::uuid, now(), ${approver!.id}::uuid, now()
      FROM "Grant" g CROSS JOIN generate_series(1, ${o.tranches}) s WHERE g."callId" = ${call.id}::uuid`;
  }, { timeout: 600_000 });
  // Every paid grant needs a verified, cooled-off payee account: one for the organisation through
  // lib/ (an admin adds it, finance records, the approver confirms), then, as the owner with the
  // triggers off, its cooling-off moved back and every grant pointed at it (as the demo seed does).
  const admin = await db.$transaction((tx) => createPerson(tx, { email: "org-admin@bench.most", name: "org admin", passwordHash: "x" }));
  await db.membership.create({ data: { userId: admin.id, organisationId: org.id, role: "ADMIN" } });
  const payee = { iban: "DE89370400440532013000", holderName: "Bench Org" };
  const { id: accountId } = await addPayeeAccount(await actorForUser(admin.id), { organisationId: org.id, account: ZPayeeAccount.parse({ kind: "sepa", ...payee }) });
  const verificationId = await recordPayeeVerification(await actorForUser(finance!.id), { accountId, funderId: funder.id, method: "CALL_BACK", note: "Bench" });
  await confirmPayeeVerification(await actorForUser(approver!.id), verificationId);
  await ownerDb().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    await tx.$executeRaw`UPDATE "PayeeVerification" SET "decidedAt" = "decidedAt" - interval '30 days', "usableFrom" = "usableFrom" - interval '30 days' WHERE id = ${verificationId}::uuid`;
    await tx.$executeRaw`UPDATE "Grant" SET "payeeAccountId" = ${accountId}::uuid WHERE "callId" = ${call.id}::uuid`;
  }, { timeout: 600_000 });
  return { funder, officer: officer!, approver: approver!, finance: finance!, org, payee };
}
