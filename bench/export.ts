// Streams the disbursement export (the code the route uses) over a large ledger and prints
// throughput and memory, sampled every 100 ms, then reads each written file back and counts
// its data rows against the ledger (exit 1 if they differ).
//   npm run bench:export                       1 000 000 ledger rows: CSV, XLSX, IATI, 360Giving JSON and CSV
//   npm run bench:export -- --rows=200000 --grants=500 --formats=csv,pdf
// Then COPY … TO STDOUT of the same query, the baseline the CSV export is held to (≥ 0.8).
// Open-data rates are ledger rows (transactions) per second; 360Giving CSV writes one line per grant.
// The ledger rows are seeded in SQL with generate_series; the ledger's insert guard (which
// checks each payment against its tranche and grant) and the sanctions guard are bypassed in this bench database only.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import { arg, benchDatabase, peakRssMb } from "./setup";
import { ownerDb } from "../scripts/lib/owner-client";
import { createPerson } from "../lib/users/personal-data";

const ROWS = arg("rows", 1_000_000);
const GRANTS = arg("grants", 1_000);
const formatsArg = process.argv.find((a) => a.startsWith("--formats="))?.split("=")[1] ?? "csv,xlsx,iati,360json,360csv";
const OPEN_DATA = { iati: ["iati", "xml"], "360json": ["360giving", "json"], "360csv": ["360giving", "csv"] } as const;
type Format = "csv" | "xlsx" | "pdf" | keyof typeof OPEN_DATA;
const FORMATS = formatsArg.split(",") as Format[];

const cluster = await benchDatabase("most_bench_export");
const { db } = await import("../lib/db");
const { actorForUser } = await import("../lib/auth/actor");
const { disbursementExport } = await import("../lib/exports/disbursement-export");
const { openDataExport } = await import("../lib/exports/open-data-export");
const { ZDisbursementFilters } = await import("../lib/reports/disbursements");

console.log(`Seeding ${GRANTS} grants and ${ROWS.toLocaleString("en")} ledger rows…`);
const t0 = Date.now();
const funder = await db.funder.create({ data: { code: "BENCH", name: "Bench funder", country: "CZ" } });
const user = await db.$transaction((tx) => createPerson(tx, { email: "auditor@bench.most", name: "auditor", passwordHash: "x" }));
await db.staffRole.create({ data: { userId: user.id, funderId: funder.id, role: "AUDITOR" } });
const programme = await db.programme.create({ data: { funderId: funder.id, code: "B", name: "Bench", currency: "EUR", budget: "100000000000.00" } });
const call = await db.call.create({ data: {
  programmeId: programme.id, reference: "BENCH-1", kind: "REGULAR", status: "CLOSED", title: { en: "Bench" }, summary: {}, eligibilitySummary: {},
  languages: ["en"], opensAt: new Date(Date.now() - 9e9), closesAt: new Date(Date.now() - 1e9), currency: "EUR",
  envelope: "100000000000.00", minGrant: "1.00", maxGrant: "100000000000.00",
} });
// As the owner, by name: the seed below switches the ledger guard off, which the portal's login may not.
await ownerDb().$transaction(async (tx) => {
  // Bench database only: skip the guards' triggers: the sanctions guard on grants and payments
  // (no organisation here is screened) and the per-row ledger guard (it checks each payment
  // against tranches and grants that this seed does not build).
  await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
  // 100 organisations, every tenth protected (exported by codename, no identity opened).
  await tx.$executeRaw`
    INSERT INTO "Organisation" (id, codename, "publicName", "operatingStatus", "operatingCountry", "isProtected", "regionOnly", "updatedAt")
    SELECT gen_random_uuid(), 'Bench Codename ' || o, CASE WHEN o % 10 = 0 THEN NULL ELSE 'Bench Org ' || o END, 'EXILE',
           (ARRAY['LV','LT','GE','DE','CZ'])[1 + o % 5], o % 10 = 0, o % 7 = 0, now()
    FROM generate_series(1, 100) o`;
  await tx.$executeRaw`
    INSERT INTO "Application" (id, reference, "callId", "funderId", "organisationId", status, title, currency, "requestedAmount", "createdById", "submittedAt", "updatedAt")
    SELECT gen_random_uuid(), 'B-' || g, ${call.id}::uuid, ${funder.id}::uuid, o.id, 'APPROVED', 'Bench ' || g, CASE WHEN g % 3 = 0 THEN 'CZK' ELSE 'EUR' END, 1000000000, ${user.id}::uuid, now(), now()
    FROM generate_series(1, ${GRANTS}) g
    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM "Organisation") o ON o.rn = g % 100`;
  await tx.$executeRaw`
    INSERT INTO "Grant" (id, number, "applicationId", "funderId", "programmeId", "callId", "organisationId", amount, currency, "startDate", "endDate", "createdById")
    SELECT gen_random_uuid(), 'BENCH-' || a.reference, a.id, a."funderId", ${programme.id}::uuid, a."callId", a."organisationId", a."requestedAmount", a.currency, current_date, current_date + 365, ${user.id}::uuid
    FROM "Application" a WHERE a."callId" = ${call.id}::uuid`;
  // One tranche per grant (a disbursement must name its tranche).
  await tx.$executeRaw`
    INSERT INTO "Tranche" (id, "grantId", sequence, "plannedAmount", "plannedDate")
    SELECT gen_random_uuid(), g.id, 1, g.amount, current_date FROM "Grant" g WHERE g."callId" = ${call.id}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "LedgerEntry" ("grantId", "trancheId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "bankReference", "createdById")
    SELECT gr.id, gr.tranche, 'DISBURSEMENT', a.amount, gr.currency,
           CASE WHEN gr.currency = 'CZK' THEN round(a.amount / 25, 2) ELSE a.amount END,
           CASE WHEN gr.currency = 'CZK' THEN 25 ELSE 1 END,
           date '2026-01-01' + (s % 330), 'REF-' || s, ${user.id}::uuid
    FROM generate_series(1, ${ROWS}) s
    JOIN (SELECT g.id, g.currency, t.id AS tranche, row_number() OVER (ORDER BY g.id) - 1 AS rn FROM "Grant" g JOIN "Tranche" t ON t."grantId" = g.id) gr ON gr.rn = s % ${GRANTS}
    CROSS JOIN LATERAL (SELECT round((100 + (s::bigint * 7919) % 99900)::numeric + (s % 100) / 100.0, 2) AS amount) a`;
}, { timeout: 3_600_000 });
await ownerDb().$executeRaw`ANALYZE`;
console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

const actor = await actorForUser(user.id);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const rates = new Map<string, number>();
const peaks = new Map<string, number>();

/** Times `run`; the row count is `run`'s or, when given, `countAfter`'s (run once the clock has stopped). */
async function measure(label: string, run: () => Promise<{ rows: number; bytes: number }>, countAfter?: () => Promise<number>) {
  if (global.gc) global.gc();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const startRss = process.memoryUsage().rss;
  const timer = setInterval(sample, 100);
  const started = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  sample();
  const bytes = result.bytes;
  const rows = countAfter ? await countAfter() : result.rows;
  rates.set(label, rows / seconds);
  if (!label.startsWith("COPY")) peaks.set(label, mb(peakRss));
  console.log(
    `${label.padEnd(34)} rows ${rows.toLocaleString("en").padStart(9)}  ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / seconds).toLocaleString("en").padStart(8)} rows/s  ` +
      `${mb(bytes).toString().padStart(5)} MB out  RSS start ${mb(startRss)} MB, peak ${mb(peakRss)} MB  heap peak ${mb(peakHeap)} MB`,
  );
  return rows / seconds;
}

/** Data rows in a written CSV export: records after the header, up to the blank line before the totals (quote-aware). */
async function csvDataRows(file: string): Promise<number> {
  let records = 0;
  let fields = 0;
  let inQuotes = false;
  for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
    for (const c of chunk as string) {
      if (c === '"') {
        inQuotes = !inQuotes;
        fields++;
      }
      else if (!inQuotes && c === "\n") {
        if (fields === 0) return records - 1; // the blank line: header not counted
        records++;
        fields = 0;
      } else if (c !== "\r" && c !== "\uFEFF") fields++;
    }
  }
  throw new Error("the CSV export has no totals block");
}

/** Data rows in a written XLSX export: consecutive rows after the header, read back with ExcelJS. */
async function xlsxDataRows(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore" });
  let last = 1;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) continue;
      if (row.number !== last + 1 || !row.hasValues) return last - 1;
      last = row.number;
    }
  }
  return last - 1;
}

/** Occurrences of `marker` in a written file, read in chunks (a marker may straddle two). */
async function countIn(file: string, marker: string): Promise<number> {
  let n = 0;
  let tail = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
    const text = tail + (chunk as string);
    for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + marker.length)) n++;
    tail = marker.length > 1 ? text.slice(-(marker.length - 1)) : ""; // slice(-0) would keep it all
  }
  return n;
}

/** What a written file holds, counted back: data rows, transactions, or (360Giving CSV) grants. */
async function writtenRows(format: Format, file: string): Promise<number> {
  if (format === "csv") return csvDataRows(file);
  if (format === "xlsx") return xlsxDataRows(file);
  if (format === "iati") return countIn(file, "<transaction ");
  if (format === "360json") return countIn(file, '"transactionDate"');
  return (await countIn(file, "\n")) - 1;
}

let mismatch = false;
const outDir = mkdtempSync(path.join(tmpdir(), "most-bench-export-"));
for (const format of FORMATS) {
  const file = path.join(outDir, `export.${format}`);
  const open = format in OPEN_DATA ? OPEN_DATA[format as keyof typeof OPEN_DATA] : null;
  await measure(open ? `openDataExport ${format}` : `disbursementExport ${format}`, async () => {
    const exported = open ? await openDataExport(actor, open[0], open[1], false) : await disbursementExport(actor, ZDisbursementFilters.parse({}), format as "csv" | "xlsx" | "pdf");
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer | string, _enc, done) {
        bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(exported.stream, counter, createWriteStream(file));
    return { rows: 0, bytes };
  }, async () => {
    // The rows the export wrote, read back from its file, against the ledger.
    const [{ n }] = (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "LedgerEntry"`) as [{ n: bigint }];
    if (format === "pdf") {
      console.log(`  (the pdf file is not read back: the figure uses the ledger's ${Number(n).toLocaleString("en")} rows)`);
      return Number(n);
    }
    const written = await writtenRows(format, file);
    const expected = format === "360csv" ? GRANTS : Number(n);
    console.log(`  (the ${format} file has ${written.toLocaleString("en")} ${format === "360csv" ? "grants" : "data rows"}; the ledger has ${expected.toLocaleString("en")})`);
    if (written !== expected) mismatch = true;
    return Number(n);
  });
}
rmSync(outDir, { recursive: true, force: true });

// The baseline, in the same run: COPY … TO STDOUT of the same rows (the export's tables,
// filter and order) with their plain columns, no redaction, guard or totals, bytes counted.
const { copyPool } = await import("../lib/db");
const { to: copyTo } = await import("pg-copy-streams");
const { FROM, whereText } = await import("../lib/exports/disbursement-sql");
const { exportScope } = await import("../lib/reports/disbursements");
const copyRate = await measure("COPY TO STDOUT, same query", async () => {
  const client = await copyPool().connect();
  let bytes = 0;
  let rows = 0;
  try {
    const sql = `SELECT l.id, l."valueDate", l.kind, g.number, g.status, f.code, p.code, c.reference, g."organisationId", l.amount, l.currency, l."eurAmount", l."eurRate", l."bankReference"
      ${FROM} WHERE ${whereText(exportScope(actor, false), ZDisbursementFilters.parse({}))} ORDER BY l.id`;
    for await (const chunk of client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`))) {
      bytes += (chunk as Buffer).length;
      for (const b of chunk as Buffer) if (b === 10) rows++;
    }
  } finally {
    client.release();
  }
  return { rows, bytes };
});
const csvRate = rates.get("disbursementExport csv");
if (csvRate) console.log(`CSV export / COPY: ${(csvRate / copyRate).toFixed(2)} (goal ≥ 0.80)`);
const xlsxRate = rates.get("disbursementExport xlsx");
if (xlsxRate) console.log(`XLSX export: ${Math.round(xlsxRate).toLocaleString("en")} rows/s (goal ≥ 50,000)`);
for (const [label, rate] of rates) if (label.startsWith("openDataExport")) console.log(`${label}: ${Math.round(rate).toLocaleString("en")} rows/s (goal ≥ 50,000)`);
console.log(`Peak RSS per format (goal < 250 MB): ${[...peaks].map(([l, mbPeak]) => `${l.replace(/^\w+Export /, "")} ${mbPeak} MB`).join(", ")}`);

console.log(`Process peak RSS (getrusage): ${peakRssMb()} MB`);
await Promise.all([copyPool().end(), copyPool("sums").end()]);
await db.$disconnect();
await cluster.stop();
if (mismatch) console.error("✗ an export wrote a different number of rows than the ledger holds");
process.exit(mismatch ? 1 : 0);
