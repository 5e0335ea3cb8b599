// Command: verify the audit trail's hash chain; prints the first broken link, exits 1 if any.
//   npm run audit:verify
import { db } from "../lib/db";
import { verifyChain } from "../lib/audit/verify";
import { startDevEnvironment } from "./lib/dev-env";

const cluster = await startDevEnvironment();
try {
  const report = await verifyChain();
  if (report.ok) {
    console.log(`Audit chain intact: ${report.events} events, head ${report.headHash}.`);
  } else {
    console.error(`Audit chain BROKEN at event ${report.brokenAt} (${report.reason}) after ${report.events} good events.`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
  await cluster.stop();
}
