// Records payments through lib/ledger/payments.recordPayment (the code the page uses) and
// prints throughput and the ledger invariants.
//   npm run bench:ledger                 100 000 payments across 10 000 grants
//   npm run bench:ledger -- --grants=1000 --tranches=10 --concurrency=8
import { randomUUID } from "node:crypto";
import { arg, benchDatabase, peakRssMb } from "./setup";
import { createPerson } from "../lib/users/personal-data";

const GRANTS = arg("grants", 10_000);
const TRANCHES = arg("tranches", 10);
const CONCURRENCY = arg("concurrency", 8);

const cluster = await benchDatabase("most_bench_ledger");
const { db } = await import("../lib/db");
const { actorForUser } = await import("../lib/auth/actor");
const { recordPayment } = await import("../lib/ledger/payments");
const { verifyChain } = await import("../lib/audit/verify");

console.log(`Setting up ${GRANTS} grants × ${TRANCHES} approved tranches…`);
const t0 = Date.now();
const funder = await db.funder.create({ data: { code: "BENCH", name: "Bench funder", country: "CZ" } });
const [officer, approver, finance] = await Promise.all(
  ["officer", "approver", "finance"].map((n) => db.$transaction((tx) => createPerson(tx, { email: `${n}@bench.most`, name: n, passwordHash: "x" }))),
);
await db.staffRole.createMany({ data: [
  { userId: officer!.id, funderId: funder.id, role: "OFFICER" },
  { userId: approver!.id, funderId: funder.id, role: "APPROVER" },
  { userId: finance!.id, funderId: funder.id, role: "FINANCE" },
] });
const programme = await db.programme.create({ data: { funderId: funder.id, code: "B", name: "Bench", currency: "EUR", budget: "10000000000.00" } });
const call = await db.call.create({ data: {
  programmeId: programme.id, reference: "BENCH-1", kind: "REGULAR", status: "CLOSED", title: { en: "Bench" }, summary: {}, eligibilitySummary: {},
  languages: ["en"], opensAt: new Date(Date.now() - 9e9), closesAt: new Date(Date.now() - 1e9), currency: "EUR",
  envelope: "10000000000.00", minGrant: "1.00", maxGrant: "10000000000.00",
} });
const org = await db.organisation.create({ data: { codename: "Bench Org 1", publicName: "Bench Org", operatingStatus: "EXILE", operatingCountry: "LV" } });
// Awards and payments need a screening of the organisation against the lists in force (issue 14).
await (await import("../lib/sanctions/screen")).screenOrganisation(org.id, "DECISION");
// Bulk rows in SQL: applications, grants, commitments and approved tranches.
await db.$transaction(async (tx) => {
  await tx.$executeRaw`
    INSERT INTO "Application" (id, reference, "callId", "funderId", "organisationId", status, title, currency, "requestedAmount", "createdById", "submittedAt", "updatedAt")
    SELECT gen_random_uuid(), 'B-' || g, ${call.id}::uuid, ${funder.id}::uuid, ${org.id}::uuid, 'APPROVED', 'Bench ' || g, 'EUR', ${TRANCHES * 1000}, ${officer!.id}::uuid, now(), now()
    FROM generate_series(1, ${GRANTS}) g`;
  await tx.$executeRaw`
    INSERT INTO "Grant" (id, number, "applicationId", "funderId", "programmeId", "callId", "organisationId", amount, currency, "startDate", "endDate", "createdById")
    SELECT gen_random_uuid(), 'BENCH-' || a.reference, a.id, a."funderId", ${programme.id}::uuid, a."callId", a."organisationId", a."requestedAmount", 'EUR', current_date, current_date + 365, ${approver!.id}::uuid
    FROM "Application" a WHERE a."callId" = ${call.id}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "LedgerEntry" ("grantId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "createdById")
    SELECT id, 'COMMITMENT', amount, 'EUR', amount, 1, current_date, ${approver!.id}::uuid FROM "Grant" WHERE "callId" = ${call.id}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "Tranche" (id, "grantId", sequence, "plannedAmount", "plannedDate", status, "requestedById", "requestedAt", "approvedById", "approvedAt")
    SELECT gen_random_uuid(), g.id, s, 1000, current_date, 'APPROVED', ${officer!.id}::uuid, now(), ${approver!.id}::uuid, now()
    FROM "Grant" g CROSS JOIN generate_series(1, ${TRANCHES}) s WHERE g."callId" = ${call.id}::uuid`;
}, { timeout: 600_000 });
// Every paid grant needs a verified, cooled-off payee account: one for the organisation through
// lib/ (an admin adds it, finance records, the approver confirms), then, as the owner with the
// triggers off, its cooling-off moved back and every grant pointed at it (as the demo seed does).
{
  const { addPayeeAccount } = await import("../lib/bank/accounts");
  const { confirmPayeeVerification, recordPayeeVerification } = await import("../lib/bank/accounts-verification");
  const { ZPayeeAccount } = await import("../lib/bank/account");
  const { ownerDb } = await import("../scripts/lib/owner-client");
  const admin = await db.$transaction((tx) => createPerson(tx, { email: "org-admin@bench.most", name: "org admin", passwordHash: "x" }));
  await db.membership.create({ data: { userId: admin.id, organisationId: org.id, role: "ADMIN" } });
  const { id: accountId } = await addPayeeAccount(await actorForUser(admin.id), { organisationId: org.id, account: ZPayeeAccount.parse({ kind: "sepa", iban: "DE89370400440532013000", holderName: "Bench Org" }) });
  const verificationId = await recordPayeeVerification(await actorForUser(finance!.id), { accountId, funderId: funder.id, method: "CALL_BACK", note: "Bench" });
  await confirmPayeeVerification(await actorForUser(approver!.id), verificationId);
  await ownerDb().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    await tx.$executeRaw`UPDATE "PayeeVerification" SET "decidedAt" = "decidedAt" - interval '30 days', "usableFrom" = "usableFrom" - interval '30 days' WHERE id = ${verificationId}::uuid`;
    await tx.$executeRaw`UPDATE "Grant" SET "payeeAccountId" = ${accountId}::uuid WHERE "callId" = ${call.id}::uuid`;
  }, { timeout: 600_000 });
}
const tranches = await db.tranche.findMany({ where: { status: "APPROVED" }, select: { id: true } });
console.log(`Setup: ${tranches.length} tranches in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

const actor = await actorForUser(finance!.id);
const today = new Date().toISOString().slice(0, 10);
let next = 0;
let done = 0;
let failed = 0;
const started = Date.now();
const progress = setInterval(() => console.log(`  ${done} payments, ${(done / ((Date.now() - started) / 1000)).toFixed(0)}/s`), 10_000);
async function worker() {
  while (next < tranches.length) {
    const t = tranches[next++]!;
    try {
      await recordPayment(actor, { trancheId: t.id, idempotencyKey: randomUUID().replaceAll("-", ""), valueDate: today, bankReference: "BENCH" });
      done++;
    } catch (e) {
      failed++;
      if (failed < 5) console.error(e);
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
clearInterval(progress);
const seconds = (Date.now() - started) / 1000;

const [inv] = await db.$queryRaw<{ grants: bigint; disbursements: bigint; mismatched: bigint; overpaid: bigint }[]>`
  WITH d AS (SELECT "grantId", sum(amount) AS paid, count(*) AS n FROM "LedgerEntry" WHERE kind = 'DISBURSEMENT' GROUP BY "grantId"),
       t AS (SELECT "grantId", sum("plannedAmount") FILTER (WHERE status = 'PAID') AS paid FROM "Tranche" GROUP BY "grantId")
  SELECT count(*) AS grants, sum(d.n) AS disbursements,
         count(*) FILTER (WHERE d.paid <> t.paid OR d.paid <> g.amount) AS mismatched,
         count(*) FILTER (WHERE d.paid > g.amount) AS overpaid
  FROM "Grant" g JOIN d ON d."grantId" = g.id JOIN t ON t."grantId" = g.id`;
const chainStart = Date.now();
const chain = await verifyChain();

console.log("");
console.log(`payments recorded     ${done} (${failed} failed) with concurrency ${CONCURRENCY}`);
console.log(`throughput            ${(done / seconds).toFixed(0)} payments/s (${seconds.toFixed(1)} s)`);
console.log(`ledger disbursements  ${inv!.disbursements} across ${inv!.grants} grants`);
console.log(`invariants            ${inv!.mismatched} grants where ledger ≠ paid tranches ≠ grant amount; ${inv!.overpaid} overpaid`);
console.log(`audit chain           ${chain.ok ? `intact, ${chain.events} events` : `BROKEN at ${chain.brokenAt}`} (verified in ${((Date.now() - chainStart) / 1000).toFixed(1)} s)`);
console.log(`peak RSS              ${peakRssMb()} MB`);
await db.$disconnect();
await (await import("../scripts/lib/owner-client")).disconnectOwnerDb();
await cluster.stop();
process.exit(inv!.mismatched === 0n && inv!.overpaid === 0n && failed === 0 && chain.ok ? 0 : 1);
