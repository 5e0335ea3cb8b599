// Sign-in throttling per account and per client address: a fixed window of failures,
// then a lock. Unknown accounts are throttled exactly like real ones.
import "server-only";
import { db } from "../db";

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountFailures: 5,
  addressFailures: 30,
} as const;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export async function isLocked(keys: string[], now = new Date()): Promise<boolean> {
  const locked = await db.loginThrottle.findFirst({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { key: true },
  });
  return locked !== null;
}

/** Counts a failure atomically; locks the key when it reaches its limit. */
export async function recordFailure(key: string, limit: number, now = new Date()) {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMinutes * 60_000);
  const rows = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "LoginThrottle" (key, failures, "windowStartedAt")
    VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."windowStartedAt" < ${windowStart}
                      THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "windowStartedAt" = CASE WHEN "LoginThrottle"."windowStartedAt" < ${windowStart}
                      THEN ${now} ELSE "LoginThrottle"."windowStartedAt" END
    RETURNING failures, "lockedUntil"`;
  const row = rows[0];
  if (row && row.failures >= limit) {
    await db.loginThrottle.update({
      where: { key },
      data: { lockedUntil: lockUntil, failures: 0, windowStartedAt: now },
    });
    return { locked: true };
  }
  return { locked: false };
}

export async function clearFailures(key: string) {
  await db.loginThrottle.deleteMany({ where: { key } });
}
