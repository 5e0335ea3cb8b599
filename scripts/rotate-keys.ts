// Admin command: re-wrap all keys under the first (current) key of MOST_MASTER_KEYS.
//   MOST_MASTER_KEYS="k2:<new>,k1:<old>" npm run keys:rotate
import { db } from "../lib/db";
import { rotateMasterKey } from "../lib/crypto/rotation";
import { startDevEnvironment } from "./lib/dev-env";

let code = 1;
const cluster = await startDevEnvironment();
try {
  const r = await rotateMasterKey();
  console.log(`Re-wrapped ${r.organisations} organisation keys and ${r.secrets} second-factor secrets under master key "${r.currentId}".`);
  console.log("When every instance runs with the new key first, remove the old key from MOST_MASTER_KEYS.");
  code = 0;
} catch (e) {
  console.error(`Rotation failed: ${(e as Error).message}`);
} finally {
  await db.$disconnect();
  await cluster.stop();
}
process.exit(code);
