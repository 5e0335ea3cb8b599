// Calls per key and minute counted in PostgreSQL, so every web node behind a load balancer
// shares one count (issue 16 item 5); a node's own memory would let N nodes take N times the
// limit. One statement per call: a fixed one-minute window on the throttle table's row.
import "server-only";
import { db } from "./db";
import { ANONYMOUS_ACTIONS_PER_MINUTE } from "./limits";

/** Counts a call on `key`; the number of calls in its current minute, this one included. */
export async function countCall(key: string): Promise<number> {
  const rows = await db.$queryRaw<{ calls: number }[]>`
    INSERT INTO "LoginThrottle" (key, failures, "windowStartedAt")
    VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."windowStartedAt" <= now() - interval '1 minute'
                      THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "windowStartedAt" = CASE WHEN "LoginThrottle"."windowStartedAt" <= now() - interval '1 minute'
                      THEN now() ELSE "LoginThrottle"."windowStartedAt" END
    RETURNING failures AS calls`;
  return rows[0]?.calls ?? 1;
}

export const anonymousActionKey = (address: string) => `anon-actions:${address}`;

/**
 * Whether an action call without a session may go on from this address, counted across all
 * nodes. A database that does not answer does not stop sign-in pages here: the action itself
 * then fails with its own message.
 */
export async function allowAnonymousAction(address: string, perMinute = ANONYMOUS_ACTIONS_PER_MINUTE): Promise<boolean> {
  try {
    return (await countCall(anonymousActionKey(address))) <= perMinute;
  } catch {
    return true;
  }
}

/** Windows that ended over a day ago: the table keeps no address longer than it must. */
export async function forgetOldCallWindows(): Promise<number> {
  return db.$executeRaw`DELETE FROM "LoginThrottle" WHERE key LIKE 'anon-actions:%' AND "windowStartedAt" < now() - interval '1 day'`;
}
