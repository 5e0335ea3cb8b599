// Sign-in throttling: a fixed window of failures, then a lock, per (account, address)
// pair, per address, and a looser cap per account that spares the addresses its owner
// has signed in from (docs/decisions/0009-sign-in-throttles-and-session-renewal.md). Unknown
// accounts are throttled exactly like real ones.
import "server-only";
import { db } from "../db";
import { emailIndex } from "../users/blind-index";

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  /** One account from one address: someone else's guesses never lock its owner out. */
  pairFailures: 5,
  /** One address, any accounts. */
  addressFailures: 30,
  /** One account from all addresses together: distributed guessing. */
  accountFailures: 50,
  /** An address the owner signed in from this recently passes the account-wide lock. */
  knownAddressDays: 90,
} as const;

// By the blind index: the table must not become a list of addresses (tried ones included).
export const accountKey = (email: string) => `acct:${emailIndex(email)}`;
export const addressKey = (ip: string) => `ip:${ip}`;
export const pairKey = (email: string, ip: string) => `${accountKey(email)}|${addressKey(ip)}`;

export async function isLocked(keys: string[], now = new Date()): Promise<boolean> {
  return (await lockedKeys(keys, now)).size > 0;
}

export async function lockedKeys(keys: string[], now = new Date()): Promise<Set<string>> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { key: true },
  });
  return new Set(rows.map((r) => r.key));
}

/** Has the user signed in from this address tag lately (a session row holds the tag)? */
export async function isKnownAddress(userId: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE.knownAddressDays * 24 * 3_600_000);
  const seen = await db.session.findFirst({ where: { userId, ip, createdAt: { gt: since } }, select: { id: true } });
  return seen !== null;
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
