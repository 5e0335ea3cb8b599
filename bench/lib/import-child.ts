// One list import in a process of its own (started by bench/sanctions-import.ts), so that the
// peak RSS it reports is the import's alone: the parent's generated files, baselines and
// database cluster do not count. Prints one JSON line: time, peak RSS, memory by phase, summary.
//   tsx --conditions=react-server bench/lib/import-child.ts <file>     (DATABASE_URL… from the parent)
import { fileFromPath } from "../../lib/sanctions/parse";

const file = process.argv[2];
if (!file) throw new Error("usage: import-child.ts <file>");
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const phase = () => {
  const m = process.memoryUsage();
  return { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
};

const { db } = await import("../../lib/db");
const { importListVersion } = await import("../../lib/sanctions/import");
await db.$queryRaw`SELECT 1`;
const ready = phase();
// The process's own peak, sampled: heap and RSS at the moment RSS was highest.
let peak = ready;
const sampler = setInterval(() => {
  const now = phase();
  if (now.rss > peak.rss) peak = now;
}, 10);
const t = performance.now();
const summary = await importListVersion(null, { source: "eu-fsf", files: [fileFromPath(file)], allowShrink: true });
const seconds = (performance.now() - t) / 1000;
clearInterval(sampler);
const after = phase();
await db.$disconnect();
console.log(JSON.stringify({ seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ready, peak, after, summary }));
