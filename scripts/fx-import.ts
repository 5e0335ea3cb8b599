// Admin command: import ECB reference rates from a CSV file (daily or history format).
//   npm run fx:import -- path/to/eurofxref-hist.csv
import { readFileSync } from "node:fs";
import { importEcbRates } from "../lib/ledger/fx-import";
import { db } from "../lib/db";
import { startDevEnvironment } from "./lib/dev-env";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run fx:import -- <ecb-csv-file>");
  process.exit(2);
}
const cluster = await startDevEnvironment();
try {
  const n = await importEcbRates(null, readFileSync(file, "utf8"));
  console.log(`Imported ${n} rates from ${file}.`);
} catch (e) {
  console.error(`Import failed: ${(e as Error).message} ${JSON.stringify((e as { fields?: unknown; values?: unknown }).fields ?? "")} ${JSON.stringify((e as { values?: unknown }).values ?? "")}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await cluster.stop();
}
