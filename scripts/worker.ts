// Production entry point of the job worker: `npm run worker` next to `next start`.
// (The run command starts one for you.) Needs DATABASE_URL; SMTP_URL to send real mail.
import { prepareShareFolder } from "../lib/crypto/keystore";
import { sealLegacyFiles } from "../lib/crypto/renewal";
import { finishEarlierErasures } from "../lib/organisations/erase";
import { startWorker } from "../lib/jobs/worker";
import { logError } from "../lib/log";
import { mailboxDir } from "../lib/notifications/mailbox";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
// Refuses key shares where backups copy them; moves shares of earlier versions out of STORAGE_DIR.
const { moved } = prepareShareFolder();
if (moved) console.log(`Moved ${moved} key shares out of STORAGE_DIR into KEY_SHARE_DIR.`);
const worker = await startWorker(url, { sweepMs: Number(process.env.WORKER_SWEEP_MS ?? 5000) });
// Upgrades, in the background: erasures by earlier versions finished, files stored before
// files were sealed sealed.
void (async () => {
  const finished = await finishEarlierErasures();
  if (finished) console.log(`Finished ${finished} erasures made by earlier versions.`);
  const { sealed, failed } = await sealLegacyFiles();
  if (sealed) console.log(`Sealed ${sealed} files stored before sealing.`);
  for (const f of failed) logError(`files of organisation ${f.organisationId} could not be sealed: ${f.error}`, null, "worker");
})().catch((e) => logError("upgrading stored files failed", e, "worker"));
console.log(`Job worker running. Mail: ${process.env.SMTP_URL ? "SMTP_URL" : `development mailbox ${mailboxDir()}`}`);
async function stop() {
  await worker.stop();
  console.log("Job worker stopped.");
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
