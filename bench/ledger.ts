// Records payments through lib/ledger/payments.recordPayment (the code the page uses) and
// prints throughput and the ledger invariants.
//   npm run bench:ledger                 100 000 payments across 10 000 grants
//   npm run bench:ledger -- --grants=1000 --tranches=10 --concurrency=8
import { randomUUID } from "node:crypto";
import { arg, benchDatabase, peakRssMb } from "./setup";
import { payableWorld } from "./lib/payable-world";

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
const { finance } = await payableWorld({ grants: GRANTS, tranches: TRANCHES });
const tranches = await db.tranche.findMany({ where: { status: "APPROVED" }, select: { id: true } });
console.log(`Setup: ${tranches.length} tranches in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

const actor = await actorForUser(finance.id);
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
