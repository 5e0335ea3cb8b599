// Audited writes per second: the same small transaction with and without lib/audit/write.writeAudit
// (the code every command uses), in one run, so the ratios compare like with like.
//   npm run bench:audit                      10 s per scenario (4 interleaved rounds) after a 1 s warm-up
//   npm run bench:audit -- --seconds=5 --warmup=2
//   npm run bench:audit -- --minimal=1       the UPDATE alone: what the audit write itself costs
//
// What it measures and why
//   Every command appends its audit event inside its own transaction, so the audit writer's
//   locking decides how many writes the portal can commit at once. The unit of work is a draft
//   save with the statements saveDraft makes (load through the membership, read the budget,
//   optimistic-lock UPDATE, replace the budget lines), then writeAudit("application.draftSaved")
//   in the same transaction. 16 writers (each its own application, no row is shared):
//     (a) spread over 8 funders, 2 writers per funder: the per-stream audit head should let
//         these commit in parallel (stream = funderId ?? "platform");
//     (b) all on one funder: one stream, so appends serialise whatever the head design;
//     (c) the same transactions, 8 funders, without writeAudit: the baseline.
//   Goal: (a)/(c) ≥ 0.8. Figures are printed, not asserted: the command exits 0 when below the
//   goal, and 1 only if a transaction fails, nothing ran, or the trail does not add up
//   (events written ≠ audited commits, or lib/audit/verify reports a broken chain).
// Each scenario has its own applications, and the tables are vacuumed and checkpointed before
// each one (outside the timed part), so earlier scenarios' dead rows do not slow later ones.
// lib/db.ts's pool holds 20 connections (PrismaPg `max`), enough for 16 open transactions.
import { performance } from "node:perf_hooks";
import { arg, benchDatabase, peakRssMb } from "./setup";
import { disconnectOwnerDb, ownerDb } from "../scripts/lib/owner-client";
import { createPerson } from "../lib/users/personal-data";

const SECONDS = arg("seconds", 10);
const WARMUP = arg("warmup", 1);
const WRITERS = arg("writers", 16);
const FUNDERS = arg("funders", 8);
// --minimal=1: the update alone (no load, no budget lines): the audit write's cost laid bare.
const MINIMAL = arg("minimal", 0) === 1;
const ROUNDS = arg("rounds", 4);
const POOL = 20; // lib/db.ts: new PrismaPg({ …, max: 20 })
if (WRITERS > POOL) throw new Error(`--writers=${WRITERS} is more than lib/db.ts's pool of ${POOL}: transactions would wait for a connection`);
if (!(SECONDS > 0) || !(WARMUP >= 0) || !(WRITERS >= 1) || !(FUNDERS >= 1)) throw new Error("bad --seconds, --warmup, --writers or --funders");

const cluster = await benchDatabase("most_bench_audit");
const { db } = await import("../lib/db");
const { writeAudit } = await import("../lib/audit/write");
const { verifyChain } = await import("../lib/audit/verify");

// Cleanup in finally: a failure must not leave the embedded PostgreSQL running.
let exitCode = 1;
try {
  exitCode = await run();
} catch (e) {
  console.error(e);
} finally {
  await db.$disconnect();
  await disconnectOwnerDb();
  await cluster.stop();
}
process.exit(exitCode);

async function run(): Promise<number> {
  type Writer = { userId: string; applicationId: string; funderId: string; organisationId: string; version: number };

  // Setup, outside the timed part: funders with a programme and an open call each, one
  // applicant (user, organisation, membership) per writer, and one draft per writer per scenario.
  const t0 = Date.now();
  const funders = await Promise.all(Array.from({ length: FUNDERS }, (_, f) => db.funder.create({ data: { code: `BENCH-${f}`, name: `Bench funder ${f}`, country: "CZ" } })));
  const calls = await Promise.all(funders.map(async (funder, f) => {
    const programme = await db.programme.create({ data: { funderId: funder.id, code: "B", name: "Bench", currency: "EUR", budget: "10000000.00" } });
    return db.call.create({ data: {
      programmeId: programme.id, reference: `BENCH-${f}`, kind: "REGULAR", status: "OPEN", title: { en: "Bench" }, summary: {}, eligibilitySummary: {},
      languages: ["en"], opensAt: new Date(Date.now() - 9e9), closesAt: new Date(Date.now() + 9e9), currency: "EUR",
      envelope: "10000000.00", minGrant: "1000.00", maxGrant: "100000.00",
    } });
  }));
  const applicants = await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    const user = await db.$transaction((tx) => createPerson(tx, { email: `applicant${w}@bench.most`, name: `Applicant ${w}`, passwordHash: "x" }));
    const org = await db.organisation.create({ data: { codename: `Bench Org ${w}`, publicName: `Bench Org ${w}`, operatingStatus: "EXILE", operatingCountry: "LV" } });
    await db.membership.create({ data: { userId: user.id, organisationId: org.id, role: "ADMIN" } });
    return { userId: user.id, organisationId: org.id };
  }));
  async function drafts(scenario: string, funderOf: (w: number) => number): Promise<Writer[]> {
    return Promise.all(applicants.map(async (a, w) => {
      const f = funderOf(w);
      const app = await db.application.create({ data: {
        reference: `B-${scenario}-${w}`, callId: calls[f]!.id, funderId: funders[f]!.id, organisationId: a.organisationId,
        title: `Bench draft ${scenario}${w}`, currency: "EUR", requestedAmount: "50000.00", createdById: a.userId,
      } });
      return { userId: a.userId, applicationId: app.id, funderId: funders[f]!.id, organisationId: a.organisationId, version: app.version };
    }));
  }
  const spread = (w: number) => w % FUNDERS; // writer w on funder w mod 8: 2 writers per funder
  const writersA = await drafts("a", spread);
  const writersB = await drafts("b", () => 0);
  const writersC = await drafts("c", spread);
  console.log(`Setup: ${FUNDERS} funders, ${WRITERS} applicants, ${3 * WRITERS} drafts in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

  const text = (n: number) => `Bench narrative ${n}. `.repeat(20); // ~400 characters per section
  let failures = 0;
  let auditedCommits = 0;

  /**
   * One draft save, statement for statement as lib/applications/commands.ts saveDraft makes it
   * (the deadline-day autosave): load the application through the writer's membership, read its
   * budget lines, update it under its optimistic lock, replace the lines, and (when audited)
   * append its event. Only the audit write differs between the scenarios.
   */
  async function saveBenchDraft(w: Writer, audited: boolean) {
    const version = w.version;
    await db.$transaction(async (tx) => {
      const app = MINIMAL ? { version } : await tx.application.findFirst({
        where: { id: w.applicationId, organisation: { memberships: { some: { userId: w.userId } } } },
        include: { call: { include: { programme: { select: { funderId: true } } } } },
      });
      if (!app || app.version !== version) throw new Error(`application ${w.applicationId} is not at version ${version}`);
      if (!MINIMAL) await tx.budgetLine.findMany({ where: { applicationId: w.applicationId }, orderBy: { position: "asc" } });
      const updated = await tx.application.updateMany({
        where: { id: w.applicationId, version },
        data: {
          sections: { summary: text(version), problem: text(version + 1), objectives: text(version + 2) },
          lastEditedById: w.userId,
          lastEditedAt: new Date(),
          version: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw new Error(`application ${w.applicationId} is not at version ${version}`);
      if (!MINIMAL) {
        await tx.budgetLine.deleteMany({ where: { applicationId: w.applicationId } });
        await tx.budgetLine.createMany({
          data: (["STAFF", "ACTIVITIES", "EQUIPMENT"] as const).map((category, position) => ({ applicationId: w.applicationId, position, category, description: `Line ${position}`, amount: `${1000 * (position + 1)}.00` })),
        });
      }
      if (!audited) return;
      await writeAudit(tx, { userId: w.userId, role: "APPLICANT" }, {
        action: "application.draftSaved",
        entityType: "Application",
        entityId: w.applicationId,
        funderId: w.funderId,
        organisationId: w.organisationId,
        after: { version: version + 1, changed: ["sections.summary", "sections.problem", "sections.objectives", "budget"] },
      });
    });
    w.version = version + 1;
    if (audited) auditedCommits++;
  }

  /** Every writer saves in a loop until `seconds` have passed; transactions in flight at the deadline finish and count. */
  async function drive(writers: Writer[], audited: boolean, seconds: number) {
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let stop = false;
    await Promise.all(writers.map(async (w) => {
      while (!stop && performance.now() < deadline) {
        const t = performance.now();
        try {
          await saveBenchDraft(w, audited);
          latencies.push(performance.now() - t);
        } catch (e) {
          failures++;
          stop = true;
          if (failures <= 3) console.error(e);
        }
      }
    }));
    return { transactions: latencies.length, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((x, y) => x - y) };
  }

  async function quiesce() {
    // As the owner, by name: the portal's login may neither vacuum these tables nor checkpoint.
    await ownerDb().$executeRaw`VACUUM (ANALYZE) "Application", "AuditEvent", "AuditHead"`;
    await ownerDb().$executeRaw`CHECKPOINT`.catch(() => {}); // needs superuser or pg_checkpoint on an external server
  }

  type Result = { label: string; transactions: number; seconds: number; perSecond: number; p50: number; p99: number };
  type Run = { transactions: number; seconds: number; latencies: number[] };
  function report(label: string, runs: Run[]): Result {
    const latencies = runs.flatMap((r) => r.latencies).sort((x, y) => x - y);
    const transactions = runs.reduce((n, r) => n + r.transactions, 0);
    const seconds = runs.reduce((n, r) => n + r.seconds, 0);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const result = { label, transactions, seconds, perSecond: transactions / seconds, p50: at(0.5), p99: at(0.99) };
    console.log(
      `${label.padEnd(44)} ${String(result.transactions).padStart(8)} tx  ${result.seconds.toFixed(1).padStart(5)} s  ` +
        `${result.perSecond.toFixed(0).padStart(7)} tx/s  latency p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    );
    return result;
  }

  const [{ synchronous_commit }] = (await db.$queryRaw<{ synchronous_commit: string }[]>`SELECT current_setting('synchronous_commit') AS synchronous_commit`) as [{ synchronous_commit: string }];
  console.log(MINIMAL ? "Unit of work: the draft UPDATE alone (--minimal=1)" : "Unit of work: a draft save as saveDraft makes it (load, budget, UPDATE, replace budget lines)");
  console.log(`${WRITERS} writers, ${SECONDS} s per scenario in ${ROUNDS} interleaved rounds after ${WARMUP} s warm-up each, READ COMMITTED, synchronous_commit=${synchronous_commit}`);
  console.log("");
  const results: Result[] = [];
  const scenarios = [
    [`(a) audited, ${FUNDERS} funders (${WRITERS / FUNDERS} writers each)`, writersA, true],
    ["(b) audited, 1 funder", writersB, true],
    ["(c) no audit (baseline)", writersC, false],
  ] as const;
  // All warmed up first, then measured in interleaved rounds, so that a slow start or a drift
  // of the machine during the run weighs on every scenario alike.
  for (const [, writers, audited] of scenarios) if (WARMUP > 0 && failures === 0) await drive(writers, audited, WARMUP);
  const runs: Run[][] = scenarios.map(() => []);
  for (let round = 0; round < ROUNDS && failures === 0; round++) {
    for (const [i, [, writers, audited]] of scenarios.entries()) {
      if (failures > 0) break;
      await quiesce();
      runs[i]!.push(await drive(writers, audited, SECONDS / ROUNDS));
    }
  }
  if (failures === 0) for (const [i, [label]] of scenarios.entries()) results.push(report(label, runs[i]!));

  let code = failures > 0 ? 1 : 0;
  if (failures > 0) console.error(`✗ ${failures} transaction(s) failed; the run stopped`);
  if (results.length === 3) {
    const [a, b, c] = results as [Result, Result, Result];
    if (a.transactions === 0 || b.transactions === 0 || c.transactions === 0) {
      console.error("✗ a scenario committed no transactions");
      code = 1;
    } else {
      const ab = a.perSecond / c.perSecond;
      console.log("");
      console.log(`(a)/(c) ${ab.toFixed(2)}    (b)/(c) ${(b.perSecond / c.perSecond).toFixed(2)}`);
      console.log(`goal: ${FUNDERS} funders ≥ 0.8 of no-audit   ${ab >= 0.8 ? "PASS" : "BELOW"} (${ab.toFixed(2)})`);
    }
  }

  // The trail must hold exactly one event per audited commit (warm-ups included), chained.
  const events = await db.auditEvent.count();
  const chainStart = Date.now();
  const chain = await verifyChain();
  console.log(`audit events          ${events} for ${auditedCommits} audited commits`);
  console.log(`audit chain           ${chain.ok ? `intact, ${chain.events} events` : `BROKEN at ${chain.brokenAt} (${chain.reason})`} (verified in ${((Date.now() - chainStart) / 1000).toFixed(1)} s)`);
  console.log(`peak RSS              ${peakRssMb()} MB`);
  if (events !== auditedCommits || !chain.ok) code = 1;
  return code;
}
