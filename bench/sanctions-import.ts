// Parses a generated ~30 MB EU FSF file with the streaming parser and prints time and memory,
// against a baseline measured in the same run: only streaming the same file's bytes.
//   npm run bench:sanctions-import                 30 MB
//   npm run bench:sanctions-import -- --mb=100
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileFromPath, parseList, summariseList } from "../lib/sanctions/parse";
import { writeFsfFile } from "./lib/fsf-generator";

const mb = Number(process.argv.find((a) => a.startsWith("--mb="))?.split("=")[1] ?? 30);
const dir = mkdtempSync(path.join(tmpdir(), "most-fsf-"));
const file = path.join(dir, "xmlFullSanctionsList_1_1.xml");
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

try {
  let t = performance.now();
  const shape = await writeFsfFile(file, mb * 1024 * 1024);
  console.log(`generated ${mib(shape.bytes)}: ${shape.entities} entities (${shape.persons} persons), ${shape.names} names (${shape.cyrillicNames} Cyrillic, ${shape.weakNames} weak) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  let read = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) read += (chunk as Buffer).length;
  const baseline = (performance.now() - t) / 1000;
  console.log(`baseline, stream-read ${mib(read)}: ${baseline.toFixed(2)} s`);

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  t = performance.now();
  const s = await summariseList(parseList("eu-fsf", [fileFromPath(file)]));
  const parse = (performance.now() - t) / 1000;
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);

  const ok = s.entries === shape.entities && s.persons === shape.persons && s.names === shape.names && s.weakNames === shape.weakNames && (s.namesByScript.Cyrl ?? 0) === shape.cyrillicNames && s.birthDates === shape.birthDates && s.identifiers === shape.identifiers;
  console.log(`parse: ${s.entries} entries, ${s.names} names (${JSON.stringify(s.namesByScript)}), ${s.identifiers} identifiers, ${s.birthDates} birth dates in ${parse.toFixed(2)} s (${(read / 1024 / 1024 / parse).toFixed(1)} MB/s)`);
  console.log(`ratio parse / stream-read: ${(parse / baseline).toFixed(1)}×`);
  console.log(`heap used: ${mib(heapBefore)} before, peak ${mib(heapPeak)} sampled every 20 ms (+${mib(heapPeak - heapBefore)})`);
  console.log(`peak RSS of the process (maxRSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  console.log(ok ? "counts match the generator: yes" : "counts match the generator: NO");
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
