// Admin command: import ECB reference rates from a CSV file (daily or history format).
//   npm run fx:import -- path/to/eurofxref-hist.csv    exit 0 imported, 1 refused, 2 usage
import { readFileSync } from "node:fs";
import { importEcbRates } from "../lib/ledger/fx-import";
import { db } from "../lib/db";
import { startDevEnvironment } from "./lib/dev-env";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run fx:import -- <ecb-csv-file>");
  process.exit(2);
}
let code = 1;
const cluster = await startDevEnvironment();
try {
  const n = await importEcbRates(null, readFileSync(file, "utf8"));
  console.log(`Imported ${n} rates from ${file}.`);
  code = 0;
} catch (e) {
  console.error(`Import failed: ${(e as Error).message} ${JSON.stringify((e as { fields?: unknown; values?: unknown }).fields ?? "")} ${JSON.stringify((e as { values?: unknown }).values ?? "")}`);
} finally {
  await db.$disconnect();
  await cluster.stop();
}
process.exit(code);
