// The job worker on pg-boss (PostgreSQL): e-mail per notification with retries and
// backoff, a frequent sweep that queues e-mail for new notifications, and the daily
// reminders (with the purge of expired sign-up requests) and digests. Jobs live in the
// database, so a restart loses none; a retried e-mail job is harmless because delivery
// is idempotent per notification.
import "server-only";
import PgBoss from "pg-boss";
import { deliverDigest, deliverNotification, pendingNotificationIds, usersWithDigest } from "../notifications/deliver";
import { runReminders } from "../notifications/reminders";
import { logError } from "../log";
import { purgeExpiredSignUps } from "../users/registration";
import { forgetOldCallWindows } from "../rate-limit";
import { CHECKPOINT_INTERVAL_MINUTES, signCheckpoints } from "../audit/checkpoints";
import { mailCheckpoints } from "../audit/checkpoint-mail";
import { screenStale, SWEEP_LIMIT } from "../sanctions/screen";

import { JOB_SCHEMA, QUEUES } from "./queues";

export { QUEUES };

export async function enqueuePendingEmails(boss: PgBoss): Promise<number> {
  let queued = 0;
  for (const id of await pendingNotificationIds()) {
    // singletonKey: one queued job per notification however often the sweep runs.
    const jobId = await boss.send(QUEUES.email, { notificationId: id }, { singletonKey: id, retryLimit: 6, retryDelay: 30, retryBackoff: true });
    if (jobId) queued++;
  }
  return queued;
}

export async function startWorker(connectionString: string, opts: { sweepMs?: number } = {}) {
  // The schema and the queues exist already (scripts/lib/grants.ts, as the owner): the
  // portal's login may not create or migrate them.
  const boss = new PgBoss({ connectionString, schema: JOB_SCHEMA, migrate: false });
  boss.on("error", (e) => logError("job queue error", e, "worker"));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  await boss.work<{ notificationId: string }>(QUEUES.email, { batchSize: 10, pollingIntervalSeconds: 1 }, async (jobs) => {
    // A failure throws, and pg-boss retries the whole batch; delivery is idempotent.
    for (const job of jobs) await deliverNotification(job.data.notificationId);
  });
  await boss.work(QUEUES.reminders, async () => {
    // Each on its own: a failing reminder must not keep stale sign-up data, nor the reverse.
    await purgeExpiredSignUps(new Date()).catch((e) => logError("sign-up purge failed", e, "worker"));
    await forgetOldCallWindows().catch((e) => logError("forgetting call windows failed", e, "worker"));
    await runReminders(new Date());
  });
  await boss.work(QUEUES.digest, async () => {
    for (const userId of await usersWithDigest()) await deliverDigest(userId, new Date());
  });
  await boss.work(QUEUES.sweep, async () => {
    await enqueuePendingEmails(boss);
  });
  await boss.work(QUEUES.checkpoint, async () => {
    await signCheckpoints();
  });
  await boss.work(QUEUES.checkpointMail, async () => {
    await mailCheckpoints();
  });
  // Organisations changed since their last screening, or not screened against a new list
  // version, are screened within a minute (in batches: a new list re-screens every grantee).
  await boss.work(QUEUES.sanctions, async () => {
    for (let round = 0; round < 50; round++) if ((await screenStale()).screened < SWEEP_LIMIT) break;
  });
  await boss.schedule(QUEUES.sanctions, "* * * * *");
  // Every event is under a signed checkpoint within CHECKPOINT_INTERVAL_MINUTES (decision 0012).
  await boss.schedule(QUEUES.checkpoint, `*/${CHECKPOINT_INTERVAL_MINUTES} * * * *`);
  await boss.schedule(QUEUES.checkpointMail, "30 7 * * *");
  await signCheckpoints().catch((e) => logError("audit checkpoint failed", e, "worker"));
  // Times in UTC: reminders early morning, digests after them.
  await boss.schedule(QUEUES.reminders, "0 6 * * *");
  await boss.schedule(QUEUES.digest, "0 7 * * *");
  // New notifications are picked up within seconds, not at the next cron minute.
  const timer = setInterval(() => {
    enqueuePendingEmails(boss).catch((e) => logError("sweep failed", e, "worker"));
  }, opts.sweepMs ?? 5_000);
  return {
    boss,
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
