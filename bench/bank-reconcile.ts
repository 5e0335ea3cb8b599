// Money out through the bank at the issue's size, through lib/ and the database: a batch of
// 10,000 approved tranches prepared, released and written as pain.001 (goal: under 5 s), then
// the bank's camt.053 of 10,000 entries imported (goal: under 10 s), then imported again (the
// same file, and the same bookings under another statement id): nothing may change. Baseline,
// measured in the same run: one bare INSERT of 10,000 rows shaped like statement lines.
// Exits 1 when an invariant is off; no timing is asserted.
//   npm run bench:bank-reconcile                  10,000
//   npm run bench:bank-reconcile -- --n=2000
//   npm run bench:bank-reconcile -- --drop-one    the statement misses a payment: must exit 1
import { arg, benchDatabase, peakRssMb } from "./setup";
import { createPerson } from "../lib/users/personal-data";
import { payableWorld } from "./lib/payable-world";
import { camt053FromBatch } from "../tests/support/camt053-from-batch";
import type { TCreditTransferBatch } from "../lib/bank/pain001";

const N = arg("n", 10_000);
const dropOne = process.argv.includes("--drop-one");
const DEBTOR_IBAN = "CZ6508000000192000145399";
const EXECUTION = "2027-01-11";

const cluster = await benchDatabase("most_bench_reconcile");
const { db } = await import("../lib/db");
const { actorForUser } = await import("../lib/auth/actor");
const { ownerDb, disconnectOwnerDb } = await import("../scripts/lib/owner-client");
const { prepareBatch, releaseBatch } = await import("../lib/bank/batches");
const { batchFile } = await import("../lib/bank/batch-file");
const { importStatement } = await import("../lib/bank/statements-import");
const { addFunderBankAccount } = await import("../lib/bank/funder-accounts");
const { ZSepaAccount } = await import("../lib/bank/account");

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - t };
}
let ok = true;
const check = (label: string, good: boolean) => {
  console.log(`  ${good ? "ok " : "NO "} ${label}`);
  ok &&= good;
};

console.log(`Setting up ${N} approved tranches, one per grant…`);
const t0 = Date.now();
const { funder, approver, finance, payee } = await payableWorld({ grants: N, tranches: 1, variedAmounts: true });
// The funder's own account, added by its admin through lib/.
const funderAdmin = await db.$transaction((tx) => createPerson(tx, { email: "funder-admin@bench.most", name: "funder admin", passwordHash: "x" }));
await db.staffRole.create({ data: { userId: funderAdmin.id, funderId: funder.id, role: "FUNDER_ADMIN" } });
const debtorAccountId = await addFunderBankAccount(await actorForUser(funderAdmin.id), {
  funderId: funder.id, currency: "EUR",
  account: ZSepaAccount.parse({ kind: "sepa", iban: DEBTOR_IBAN, bic: "GIBACZPX", holderName: "Bench Funder" }),
});
const trancheIds = (await db.tranche.findMany({ where: { status: "APPROVED", grant: { funderId: funder.id } }, select: { id: true } })).map((t) => t.id);
console.log(`Setup: ${trancheIds.length} tranches in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

// Baseline: one bare INSERT of N rows shaped like statement lines (unnest of arrays, no triggers).
const baseline = await timed(() => ownerDb().$transaction(async (tx) => {
  await tx.$executeRaw`CREATE TEMP TABLE bench_lines (LIKE "BankStatementLine" INCLUDING DEFAULTS) ON COMMIT DROP`;
  const idx = Array.from({ length: N }, (_, i) => i);
  return tx.$executeRaw`
    INSERT INTO bench_lines (id, "statementId", "funderId", "debtorAccountId", "lineKey", "entryIndex", "txIndex", "creditDebit", reversal, "entryStatus", amount, currency, "bookingDate", "endToEndId", "bankReference", outcome)
    SELECT gen_random_uuid(), gen_random_uuid(), ${funder.id}::uuid, ${debtorAccountId}::uuid, k, i, 0, 'DBIT', false, 'BOOK', a, 'EUR', current_date, 'P' || k, 'SVC-' || k, 'BOOKED'
    FROM unnest(${idx.map((i) => `E${i}`)}::text[], ${idx}::int[], ${idx.map((i) => ((i % 9000) + 1).toFixed(2))}::numeric[]) AS v(k, i, a)`;
}));

const financeActor = await actorForUser(finance.id);
const approverActor = await actorForUser(approver.id);
const ledgerRows = async () => (await db.$queryRaw<{ n: bigint; sum: string | null }[]>`
  SELECT count(*) AS n, sum(amount)::text AS sum FROM "LedgerEntry" WHERE "idempotencyKey" LIKE 'bank:%'`)[0]!;

const prepare = await timed(() => prepareBatch(financeActor, { funderId: funder.id, debtorAccountId, kind: "SEPA", requestedExecutionDate: EXECUTION, trancheIds }));
const { batchId } = prepare.result;
const release = await timed(() => releaseBatch(approverActor, batchId));
const file = await timed(() => batchFile(financeActor, batchId, "pain.001.001.09"));

const batch = await db.paymentBatch.findUniqueOrThrow({ where: { id: batchId }, include: { items: { orderBy: { endToEndId: "asc" } } } });
const sent: TCreditTransferBatch = {
  messageId: batch.reference, createdAt: batch.releasedAt!, requestedExecutionDate: EXECUTION, debtor: { name: "Bench Funder", iban: DEBTOR_IBAN },
  payments: batch.items.map((i) => ({ endToEndId: i.endToEndId, amount: i.amount.toFixed(2), currency: i.currency, creditor: { name: payee.holderName, iban: payee.iban } })),
};
const statementOf = (id: string) => new TextEncoder().encode(camt053FromBatch(sent, {
  version: "camt.053.001.08", statementId: id, bookingDate: "2027-01-12", opening: "100000000.00", skip: dropOne ? [sent.payments[0]!.endToEndId] : [],
}));
const statement = statementOf("BENCH-1");
const imported = await timed(() => importStatement(financeActor, { funderId: funder.id, file: statement }));
const afterImport = await ledgerRows();
const again = await timed(() => importStatement(financeActor, { funderId: funder.id, file: statement }));
const repeated = await timed(() => importStatement(financeActor, { funderId: funder.id, file: statementOf("BENCH-2") }));
const afterAgain = await ledgerRows();
const [state] = await db.$queryRaw<{ paid: bigint; booked: bigint; linked: bigint; total: string }[]>`
  SELECT (SELECT count(*) FROM "Tranche" t JOIN "Grant" g ON g.id = t."grantId" WHERE g."funderId" = ${funder.id}::uuid AND t.status = 'PAID') AS paid,
         (SELECT count(*) FROM "BankStatementLine" WHERE outcome = 'BOOKED') AS booked,
         (SELECT count(*) FROM "BankStatementLine" WHERE outcome = 'BOOKED' AND "ledgerEntryId" IS NOT NULL) AS linked,
         (SELECT total::text FROM "PaymentBatch" WHERE id = ${batchId}::uuid) AS total`;

const writeMs = prepare.ms + release.ms + file.ms;
console.log("");
console.log(`baseline, one bare INSERT of ${baseline.result} statement-line rows (unnest, temp table, no triggers): ${secs(baseline.ms)}`);
console.log(`prepareBatch, ${batch.count} tranches                 ${secs(prepare.ms)}`);
console.log(`releaseBatch                                   ${secs(release.ms)}`);
console.log(`batchFile, pain.001.001.09 (${(file.result.body.length / 1024 / 1024).toFixed(1)} MB)            ${secs(file.ms)}`);
console.log(`  batch generated in total                     ${secs(writeMs)} (goal < 5 s: ${writeMs < 5000 ? "met" : "missed"}; ${(writeMs / baseline.ms).toFixed(0)}× the baseline)`);
console.log(`importStatement, camt.053 of ${N - (dropOne ? 1 : 0)} entries (${(statement.length / 1024 / 1024).toFixed(1)} MB)   ${secs(imported.ms)} (goal < 10 s: ${imported.ms < 10_000 ? "met" : "missed"}; ${(imported.ms / baseline.ms).toFixed(0)}× the baseline)`);
console.log(`  booked ${imported.result.booked}, unmatched ${imported.result.unmatched}, ignored ${imported.result.ignored}`);
console.log(`the same file again                            ${secs(again.ms)} (alreadyImported: ${again.result.alreadyImported})`);
console.log(`the same bookings under another statement id   ${secs(repeated.ms)} (repeated ${repeated.result.repeated}, booked ${repeated.result.booked})`);
console.log(`peak RSS                                       ${peakRssMb()} MB`);
console.log("invariants:");
check(`ledger rows written by the statement = ${N} (${afterImport.n})`, afterImport.n === BigInt(N));
check(`their sum = the batch total ${state!.total} (${afterImport.sum})`, afterImport.sum === state!.total);
check(`tranches paid = ${N} (${state!.paid}); booked lines = ${N} (${state!.booked}), each linked to its entry (${state!.linked})`, state!.paid === BigInt(N) && state!.booked === BigInt(N) && state!.linked === BigInt(N));
check("the same file again is one import and changes nothing", again.result.alreadyImported && again.result.booked === 0);
check(`the same bookings under another id are repeats only (${repeated.result.repeated})`, repeated.result.booked === 0 && repeated.result.unmatched === 0 && repeated.result.repeated === N - (dropOne ? 1 : 0));
check(`ledger unchanged by the re-imports (${afterAgain.n} rows, ${afterAgain.sum})`, afterAgain.n === afterImport.n && afterAgain.sum === afterImport.sum);

await db.$disconnect();
await disconnectOwnerDb();
await cluster.stop();
console.log(ok ? "all invariants hold" : "INVARIANT BROKEN");
process.exit(ok ? 0 : 1);
