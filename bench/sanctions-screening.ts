// Sanctions screening at the issue's sizes (issue 14, item 9), with baselines measured in the
// same run (figures and ratios only, no timing is asserted):
//   1. import: a generated EU FSF file of the issue's list size (30 000 entities, ~150 000
//      names, Latin and Cyrillic) and one of 30 MB, each a fresh version, against parsing the
//      same file only (parseList + summariseList); time and RSS;
//   2. the worker's sweep (screenStale until nothing is stale) over 10 000 organisations with
//      5 key people each, against the same sweep while the list in force holds one entity;
//   3. payment-time screening: screenOrganisation(…, "PAYMENT") on random organisations,
//      p50/p95/p99, against the same calls while the one-entity list is in force.
//   npm run bench:sanctions-screening                              the issue's sizes
//   npm run bench:sanctions-screening -- --orgs=500 --entities=3000 --mb=3 --calls=50   smoke run
// Exit 1 when a count is off (an organisation not screened against the list, a screening
// without its audit event, no deliberate match found).
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { arg, benchDatabase, peakRssMb } from "./setup";
import { listedPerson, writeFsfFile } from "./lib/fsf-generator";
import { ngo, person, prng, written } from "./lib/russian-names";

const ORGS = arg("orgs", 10_000);
const ENTITIES = arg("entities", 30_000);
const MB = arg("mb", 30);
const CALLS = arg("calls", 200);
const PEOPLE = 5;
/** Share of key people who are, deliberately, a listed person (same names and birth date). */
const LISTED_SHARE = 0.03;

// Key shares on tmpfs (one file per organisation, fsynced when created); removed at the end.
const scratch = mkdtempSync(path.join("/dev/shm", "most-bench-screening-"));
process.env.KEY_SHARE_DIR = path.join(scratch, "keyshares");
process.env.STORAGE_DIR = path.join(scratch, "storage");

const cluster = await benchDatabase("most_bench_sanctions_screening");
const { db } = await import("../lib/db");
const { createPerson } = await import("../lib/users/personal-data");
const { storeIdentity } = await import("../lib/organisations/identity");
const { importListVersion } = await import("../lib/sanctions/import");
const { fileFromPath, parseList, summariseList } = await import("../lib/sanctions/parse");
const { screenOrganisation, screenStale } = await import("../lib/sanctions/screen");

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
let ok = true;
const check = (what: string, good: boolean) => {
  console.log(`  check ${what}: ${good ? "yes" : "NO"}`);
  ok &&= good;
};

/** Runs `fn` with the process's resident memory sampled every 20 ms. */
async function withRss<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; rssBefore: number; rssPeak: number }> {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t, rssBefore, rssPeak: Math.max(rssPeak, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

/** Parse only (the baseline), then import as a new version of the EU list. */
async function importFile(label: string, file: string, bytes: number) {
  global.gc?.();
  const parse = await withRss(() => summariseList(parseList("eu-fsf", [fileFromPath(file)])));
  const imp = await withRss(() => importListVersion(null, { source: "eu-fsf", files: [fileFromPath(file)], allowShrink: true }));
  console.log(`${label} (${mib(bytes)}, ${imp.value.entries} entries, ${imp.value.names} names, ${imp.value.added} added, ${imp.value.removed} removed):`);
  console.log(`  baseline, parse only: ${s(parse.ms)}, RSS ${mib(parse.rssBefore)} → peak ${mib(parse.rssPeak)}`);
  console.log(`  import:               ${s(imp.ms)} (${(bytes / 1024 / 1024 / (imp.ms / 1000)).toFixed(1)} MB/s), RSS ${mib(imp.rssBefore)} → peak ${mib(imp.rssPeak)}; ratio import / parse ${ratio(imp.ms, parse.ms)}`);
  console.log(`  peak RSS of the process so far (maxRSS): ${peakRssMb()} MB`);
  check("entries imported as parsed", imp.value.entries === parse.value.entries && imp.value.names === parse.value.names);
  return imp.value;
}

const scratchFile = (name: string) => path.join(scratch, name);

/** Organisations with 5 key people each in a sealed identity and a submitted application each. */
async function seedOrganisations(): Promise<{ ids: string[]; listedPeople: number }> {
  const funder = await db.funder.create({ data: { code: "BENCH", name: "Bench funder", country: "CZ" } });
  const user = await db.$transaction((tx) => createPerson(tx, { email: "applicant@bench.most", name: "applicant", passwordHash: "x" }));
  const programme = await db.programme.create({ data: { funderId: funder.id, code: "B", name: "Bench", currency: "EUR", budget: "100000000.00" } });
  const call = await db.call.create({ data: {
    programmeId: programme.id, reference: "BENCH-1", kind: "REGULAR", status: "OPEN", title: { en: "Bench" }, summary: {}, eligibilitySummary: {},
    languages: ["en"], opensAt: new Date(Date.now() - 9e9), closesAt: new Date(Date.now() + 9e9), currency: "EUR",
    envelope: "100000000.00", minGrant: "1.00", maxGrant: "100000.00",
  } });
  const r = prng(42);
  const ids: string[] = [];
  let listedPeople = 0;
  const listedIndex = () => {
    for (;;) {
      const i = 1 + Math.floor(r() * ENTITIES);
      if (i % 3 !== 0) return i;
    }
  };
  const roles = ["DIRECTOR", "BOARD", "BOARD", "SIGNATORY", "ACCOUNT_HOLDER"] as const;
  const BATCH = 250;
  for (let from = 0; from < ORGS; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ORGS - from) }, (_, k) => ({ id: randomUUID(), n: from + k + 1 }));
    const names = batch.map((o) => ngo(r, o.n));
    await db.$transaction(async (tx) => {
      await tx.organisation.createMany({ data: batch.map((o, k) => ({
        id: o.id, codename: `Bench ${o.n}`, publicName: names[k]!, operatingStatus: "EXILE", operatingCountry: "LV",
      })) });
      for (const [k, o] of batch.entries()) {
        const keyPeople = roles.slice(0, PEOPLE).map((role) => {
          const listed = r() < LISTED_SHARE;
          if (listed) listedPeople++;
          const p = listed ? listedPerson(listedIndex()) : person(r);
          return { id: randomUUID(), role, ...written(p), birthDate: p.birthDate, nationality: r() < 0.8 ? "RU" : "UA" };
        });
        await storeIdentity(tx, o.id, { displayName: names[k]!, legalName: `${names[k]!} e.V.`, registrationNumber: `VR ${100000 + o.n}`, keyPeople });
      }
      await tx.application.createMany({ data: batch.map((o) => ({
        reference: `B-${o.n}`, callId: call.id, funderId: funder.id, organisationId: o.id, status: "SUBMITTED" as const,
        title: `Bench ${o.n}`, currency: "EUR", requestedAmount: "50000.00", createdById: user.id, submittedAt: new Date(),
      })) });
    }, { timeout: 600_000 });
    ids.push(...batch.map((o) => o.id));
  }
  return { ids, listedPeople };
}

/** screenStale until nothing is stale; the sweep's own batch size (200). */
async function sweep(label: string, baselineMs?: number) {
  const screeningsBefore = await db.sanctionsScreening.count();
  const matchesBefore = await db.sanctionsMatch.count();
  const t = performance.now();
  let screened = 0;
  let failed = 0;
  for (;;) {
    const step = await screenStale();
    screened += step.screened;
    failed += step.failed;
    if (step.screened === 0) break;
  }
  const ms = performance.now() - t;
  const matches = (await db.sanctionsMatch.count()) - matchesBefore;
  console.log(`${label}: ${screened} organisations screened (${failed} failed) in ${s(ms)}, ${(screened / (ms / 1000)).toFixed(1)} organisations/s, ${matches} new matches${baselineMs ? `; ratio to the baseline ${ratio(ms, baselineMs)}` : ""}`);
  check(`one screening row per organisation (${ORGS})`, screened === ORGS && failed === 0 && (await db.sanctionsScreening.count()) - screeningsBefore === ORGS);
  return { ms, matches };
}

/** screenOrganisation(…, "PAYMENT") on random organisations, one after another. */
async function paymentCalls(label: string, ids: string[], seed: number, baseline?: number[]) {
  const r = prng(seed);
  const ms: number[] = [];
  for (let k = 0; k < CALLS; k++) {
    const id = ids[Math.floor(r() * ids.length)]!;
    const t = performance.now();
    await screenOrganisation(id, "PAYMENT");
    ms.push(performance.now() - t);
  }
  const q = quantiles(ms);
  const b = baseline ? quantiles(baseline) : null;
  console.log(`${label}, ${CALLS} calls: p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms, p99 ${q.p99.toFixed(1)} ms, max ${q.max.toFixed(1)} ms${b ? `; ratio p50 ${ratio(q.p50, b.p50)}, p95 ${ratio(q.p95, b.p95)}` : ""}`);
  return ms;
}

function quantiles(xs: number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

try {
  console.log(`Sizes: ${ENTITIES} listed entities, ${MB} MB file, ${ORGS} organisations × ${PEOPLE} key people, ${CALLS} payment-time calls.`);
  let t = performance.now();
  const big = scratchFile("xmlFullSanctionsList_1_1.xml");
  const bigShape = await writeFsfFile(big, { entities: ENTITIES, names: "realistic" });
  // The 30 MB file holds other entries (from index 1 000 001): imported first, fresh.
  const mbFile = scratchFile("xmlFullSanctionsList_30mb.xml");
  const mbShape = await writeFsfFile(mbFile, { bytes: MB * 1024 * 1024, names: "realistic", first: 1_000_001 });
  const tiny = scratchFile("xmlFullSanctionsList_one.xml");
  await writeFsfFile(tiny, { entities: 1, names: "realistic", first: 2_000_001 });
  console.log(`Generated in ${s(performance.now() - t)}: ${bigShape.entities} entities (${bigShape.persons} persons), ${bigShape.names} names (${bigShape.cyrillicNames} Cyrillic) in ${mib(bigShape.bytes)}; ${mbShape.entities} entities in ${mib(mbShape.bytes)}.`);

  console.log("\n1. Import");
  await importFile(`${MB} MB file`, mbFile, mbShape.bytes);
  const one = await importListVersion(null, { source: "eu-fsf", files: [fileFromPath(tiny)], allowShrink: true });

  t = performance.now();
  const { ids, listedPeople } = await seedOrganisations();
  console.log(`\nSetup: ${ids.length} organisations, ${ids.length * PEOPLE} key people (${listedPeople} of them listed people), sealed, in ${s(performance.now() - t)}.`);
  await db.$executeRaw`ANALYZE`;

  console.log(`\n2. Sweep, baseline: the list in force holds 1 entity (version ${one.versionId.slice(0, 8)})`);
  const base = await sweep("baseline sweep");
  console.log("\n3. Payment-time screening, baseline");
  const baseCalls = await paymentCalls("baseline payment-time screening", ids, 7);

  console.log(`\n1. Import, the issue's list size`);
  const full = await importFile(`${ENTITIES} entities`, big, bigShape.bytes);
  await db.$executeRaw`ANALYZE`;
  console.log(`\n2. Sweep against the ${ENTITIES}-entity list (version ${full.versionId.slice(0, 8)})`);
  const main = await sweep("sweep", base.ms);
  const hits = await db.sanctionsMatch.groupBy({ by: ["subjectRef"], _count: true });
  console.log(`  matches: ${main.matches} (${hits.filter((h) => h.subjectRef.startsWith("key-person:")).length} key people, ${hits.filter((h) => h.subjectRef === "organisation").length} organisations) for ${listedPeople} deliberately listed key people`);
  const [avg] = await db.$queryRaw<{ candidates: number }[]>`SELECT avg(candidates)::float8 AS candidates FROM "SanctionsScreening" WHERE ${full.versionId}::uuid = ANY("versionIds")`;
  console.log(`  candidate entries per organisation screened: ${avg?.candidates.toFixed(1)}`);
  check("deliberate matches found", main.matches >= listedPeople);
  const audited = await db.auditEvent.count({ where: { action: "sanctions.screened" } });
  check("one sanctions.screened audit event per screening", audited === (await db.sanctionsScreening.count()));
  console.log("\n3. Payment-time screening");
  await paymentCalls("payment-time screening", ids, 7, baseCalls);
  console.log(`\nGoals (issue 14): sweep < 60 s (${s(main.ms)}), payment-time p95 < 200 ms, ${MB} MB import < 30 s and < 300 MB peak (above).`);
  console.log(`Peak RSS of the process (maxRSS): ${peakRssMb()} MB`);
  console.log(ok ? "counts: ok" : "counts: NOT ok");
  process.exitCode = ok ? 0 : 1;
} finally {
  await db.$disconnect();
  await cluster.stop();
  rmSync(scratch, { recursive: true, force: true });
}
