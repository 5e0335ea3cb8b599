// Production entry point of the job worker: `npm run worker` next to `next start`.
// (The run command starts one for you.) Needs DATABASE_URL; SMTP_URL to send real mail.
import { startWorker } from "../lib/jobs/worker";
import { mailboxDir } from "../lib/notifications/mailbox";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
const worker = await startWorker(url, { sweepMs: Number(process.env.WORKER_SWEEP_MS ?? 5000) });
console.log(`Job worker running. Mail: ${process.env.SMTP_URL ? "SMTP_URL" : `development mailbox ${mailboxDir()}`}`);
async function stop() {
  await worker.stop();
  console.log("Job worker stopped.");
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
