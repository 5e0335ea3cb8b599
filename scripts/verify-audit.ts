// Command: verify the audit trail's hash chain; prints the first broken link.
//   npm run audit:verify      exit 0 intact, 1 broken, 2 could not run
import { db } from "../lib/db";
import { verifyChain } from "../lib/audit/verify";
import { startDevEnvironment } from "./lib/dev-env";

let code = 2;
const cluster = await startDevEnvironment();
try {
  const report = await verifyChain();
  if (report.ok) {
    console.log(`Audit chain intact: ${report.events} events, head ${report.headHash}.`);
    code = 0;
  } else {
    console.error(`Audit chain BROKEN at event ${report.brokenAt} (${report.reason}) after ${report.events} good events.`);
    code = 1;
  }
} catch (e) {
  console.error(`Audit chain could not be verified: ${(e as Error).message}`);
} finally {
  await db.$disconnect();
  await cluster.stop();
}
// Explicit exit: the status is the verdict, whatever a library's exit hook would say.
process.exit(code);
