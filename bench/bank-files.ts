// Bank files at the size: a pain.001.001.09 batch of 10,000 payments written, and a
// camt.053 statement of 10,000 entries parsed, each against a baseline measured in the same
// run (JSON.stringify of the same batch; reading the statement's bytes). Exits 1 when a count
// or a sum is off. No timing is asserted anywhere: the figures are for reading.
//   npm run bench:bank-files                 10,000
//   npm run bench:bank-files -- --n=50000
//   npm run bench:bank-files -- --drop-one    the statement misses a payment: must exit 1
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { parseStatement } from "../lib/bank/camt053";
import { batchTotals, pain001Chunks } from "../lib/bank/pain001";
import { Decimal } from "../lib/money";
import { camt053ChunksFromBatch, sampleBatch } from "../tests/support/camt053-from-batch";
import { SEPA_IBANS, validateAgainst } from "../tests/support/iso20022";

const n = Number(process.argv.find((a) => a.startsWith("--n="))?.split("=")[1] ?? 10_000);
const dropOne = process.argv.includes("--drop-one");
const dir = mkdtempSync(path.join(tmpdir(), "most-bank-"));
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function writeChunks(file: string, chunks: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  for (const c of chunks) if (!out.write(c)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  return statSync(file).size;
}

/** Runs fn while sampling the heap every 10 ms; returns its result, time and heap growth. */
async function measure<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number; heap: number }> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const t = performance.now();
  const result = await fn();
  const ms = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { result, ms, heap: peak - before };
}

let ok = true;
const check = (label: string, good: boolean) => {
  console.log(`${label}: ${good ? "yes" : "NO"}`);
  ok &&= good;
};

try {
  const batch = sampleBatch(n, SEPA_IBANS);
  const totals = batchTotals(batch.payments);
  console.log(`batch: ${n} payments, control sum ${totals.controlSum} EUR`);

  const json = await measure(() => JSON.stringify(batch).length);
  console.log(`baseline, JSON.stringify of the batch (${mib(json.result)}): ${secs(json.ms)}`);
  const painFile = path.join(dir, "pain.001.001.09.xml");
  const pain = await measure(() => writeChunks(painFile, pain001Chunks(batch, { version: "pain.001.001.09" })));
  console.log(`pain.001.001.09 written, streamed to a file (${mib(pain.result)}): ${secs(pain.ms)}, heap +${mib(pain.heap)}; ratio to JSON.stringify ${(pain.ms / json.ms).toFixed(1)}×`);
  const painXml = readFileSync(painFile, "utf8");
  check(`pain.001: ${n} <CdtTrfTxInf> and NbOfTxs ${n}`, painXml.match(/<CdtTrfTxInf>/g)?.length === n && painXml.includes(`<NbOfTxs>${n}</NbOfTxs>`));
  check(`pain.001: CtrlSum ${totals.controlSum}`, painXml.includes(`<CtrlSum>${totals.controlSum}</CtrlSum>`));
  const xsd = await measure(() => validateAgainst("pain.001.001.09.xsd", painXml));
  check(`pain.001 valid against the official XSD (xmllint-wasm, ${secs(xsd.ms)})`, xsd.result.valid);

  const camtFile = path.join(dir, "camt.053.001.08.xml");
  const statementBytes = await writeChunks(camtFile, camt053ChunksFromBatch(batch, { version: "camt.053.001.08", statementId: "BENCH", bookingDate: "2026-12-03", opening: "0", skip: dropOne ? [batch.payments[0]!.endToEndId] : [] }));
  const read = await measure(async () => {
    let bytes = 0;
    for await (const chunk of createReadStream(camtFile, { highWaterMark: 64 * 1024 })) bytes += (chunk as Buffer).length;
    return bytes;
  });
  console.log(`baseline, stream-read the camt.053 (${mib(statementBytes)}): ${secs(read.ms)}`);
  const camt = await measure(() => parseStatement(createReadStream(camtFile, { highWaterMark: 64 * 1024 })));
  const entries = camt.result.statements[0]!.entries;
  console.log(`camt.053.001.08 parsed, ${entries.length} entries: ${secs(camt.ms)}, heap +${mib(camt.heap)} (the entries are the result); ratio to stream-read ${(camt.ms / read.ms).toFixed(1)}×`);
  check(`camt.053: ${n} entries`, entries.length === n);
  const sum = entries.reduce((s, e) => s.plus(e.amount), new Decimal(0)).toFixed(2);
  check(`camt.053: entries sum to the control sum ${totals.controlSum}`, sum === totals.controlSum);
  const ids = new Set(batch.payments.map((p) => p.endToEndId));
  check("camt.053: every entry's end-to-end id is a payment of the batch", entries.every((e) => ids.has(e.transactions[0]?.endToEndId ?? "")));
  console.log(`peak RSS of the process (maxRSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
