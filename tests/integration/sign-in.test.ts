import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticate } from "@/lib/auth/sign-in";
import { THROTTLE } from "@/lib/auth/throttle";
import { TEST_PASSWORD, makeUser, uid } from "../factories";

const from = (ip: string) => new Headers({ "x-forwarded-for": ip, "user-agent": "vitest" });
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("password sign-in", () => {
  it("creates a server-side session and an audit event on success", async () => {
    const user = await makeUser();
    const r = await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, from(randomIp()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const session = await db.session.findUniqueOrThrow({ where: { id: r.sessionId } });
    expect(session.userId).toBe(user.id);
    expect(session.revokedAt).toBeNull();
    // The raw address is never stored, only a keyed tag.
    expect(session.ip).not.toContain("10.");
    const events = await db.auditEvent.findMany({ where: { entityId: user.id, action: "auth.signIn.succeeded" } });
    expect(events).toHaveLength(1);
  });

  it("answers a wrong password and an unknown account identically", async () => {
    const user = await makeUser();
    const wrong = await authenticate({ email: user.email, password: "not the password" }, from(randomIp()));
    const unknown = await authenticate({ email: `nobody-${uid()}@test.most`, password: "whatever" }, from(randomIp()));
    expect(wrong).toEqual({ ok: false, code: "invalid" });
    expect(unknown).toEqual({ ok: false, code: "invalid" });
    const failures = await db.auditEvent.findMany({ where: { action: "auth.signIn.failed" } });
    expect(failures.map((e) => (e.after as { reason: string }).reason).sort()).toEqual(["badPassword", "unknownAccount"]);
  });

  it("refuses malformed input without touching the database", async () => {
    const before = await db.auditEvent.count();
    expect(await authenticate({ email: "not-an-email", password: "x" }, from(randomIp()))).toEqual({ ok: false, code: "invalid" });
    expect(await authenticate({ email: "a@b.org", password: "x".repeat(10_240) }, from(randomIp()))).toEqual({ ok: false, code: "invalid" });
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("locks an account after repeated failures, even from different addresses", async () => {
    const user = await makeUser();
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      await authenticate({ email: user.email, password: "wrong" }, from(randomIp()));
    }
    const r = await authenticate({ email: user.email, password: TEST_PASSWORD }, from(randomIp()));
    expect(r).toEqual({ ok: false, code: "throttled" });
    expect(await db.auditEvent.count({ where: { action: "auth.signIn.locked", entityId: user.id } })).toBe(1);
  });

  it("throttles an address that tries many accounts", async () => {
    const ip = randomIp();
    for (let i = 0; i < THROTTLE.addressFailures; i++) {
      await authenticate({ email: `probe-${i}-${uid()}@test.most`, password: "guess" }, from(ip));
    }
    const user = await makeUser();
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from(ip))).toEqual({ ok: false, code: "throttled" });
    // The same person from elsewhere is not punished for the attacker's address.
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD }, from(randomIp()))).ok).toBe(true);
  }, 60_000);

  it("refuses a disabled user with the same answer", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from(randomIp()))).toEqual({ ok: false, code: "invalid" });
  });
});
