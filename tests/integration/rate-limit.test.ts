// The anonymous-action limit counted in PostgreSQL (lib/rate-limit.ts): one count for every
// web node, exact under concurrent calls, a fresh window after a minute, nothing kept for long.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { allowAnonymousAction, anonymousActionKey, countCall, forgetOldCallWindows } from "@/lib/rate-limit";

const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;

describe("calls per address and minute", () => {
  it("are counted exactly when many arrive at once, as from several nodes", async () => {
    const key = anonymousActionKey(address());
    const counts = await Promise.all(Array.from({ length: 30 }, () => countCall(key)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("allow the limit and refuse the next call, for that address only", async () => {
    const [a, b] = [address(), address()];
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await allowAnonymousAction(a, 3));
    expect(answers).toEqual([true, true, true, false]);
    expect(await allowAnonymousAction(b, 3)).toBe(true);
  });

  it("start a new window after a minute", async () => {
    const a = address();
    for (let i = 0; i < 3; i++) await allowAnonymousAction(a, 3);
    expect(await allowAnonymousAction(a, 3)).toBe(false);
    await db.loginThrottle.update({ where: { key: anonymousActionKey(a) }, data: { windowStartedAt: new Date(Date.now() - 61_000) } });
    expect(await allowAnonymousAction(a, 3)).toBe(true);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: anonymousActionKey(a) } })).failures).toBe(1);
  });

  it("are forgotten a day after their window, sign-in throttles untouched", async () => {
    const [old, recent] = [anonymousActionKey(address()), anonymousActionKey(address())];
    const signIn = `ip:${address()}`;
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await db.loginThrottle.createMany({
      data: [
        { key: old, failures: 5, windowStartedAt: dayAgo },
        { key: recent, failures: 5, windowStartedAt: new Date() },
        { key: signIn, failures: 2, windowStartedAt: dayAgo },
      ],
    });
    expect(await forgetOldCallWindows()).toBeGreaterThanOrEqual(1);
    const left = (await db.loginThrottle.findMany({ where: { key: { in: [old, recent, signIn] } } })).map((r) => r.key).sort();
    expect(left).toEqual([recent, signIn].sort());
  });
});
