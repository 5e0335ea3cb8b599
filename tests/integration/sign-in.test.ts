import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticate } from "@/lib/auth/sign-in";
import { THROTTLE } from "@/lib/auth/throttle";
import { PEER_ADDRESS_HEADER, peerAddressStamp } from "@/lib/peer-address";
import { TEST_PASSWORD, makeUser, uid } from "../factories";

// The portal's default: no trusted proxy, the socket address counts (env() is read lazily,
// after this line).
process.env.TRUSTED_PROXY_HOPS = "0";

/** A request from socket address `ip` (no trusted proxy: the default), with any header the client likes. */
const from = (ip: string, forwardedFor?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peerAddressStamp(ip), "user-agent": "vitest", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });
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

  it("locks one account from one address after repeated failures", async () => {
    const user = await makeUser();
    const ip = randomIp();
    for (let i = 0; i < THROTTLE.pairFailures; i++) {
      await authenticate({ email: user.email, password: "wrong" }, from(ip));
    }
    const r = await authenticate({ email: user.email, password: TEST_PASSWORD }, from(ip));
    expect(r).toEqual({ ok: false, code: "throttled" });
    expect(await db.auditEvent.count({ where: { action: "auth.signIn.locked", entityId: user.id } })).toBe(1);
  });

  it("lets the owner in from another address while an attacker's address is locked out of the account", async () => {
    const user = await makeUser();
    const attacker = randomIp();
    for (let i = 0; i < THROTTLE.pairFailures + 2; i++) {
      await authenticate({ email: user.email, password: "guess" }, from(attacker));
    }
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from(attacker))).toEqual({ ok: false, code: "throttled" });
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD }, from(randomIp()))).ok).toBe(true);
  });

  it("stops guessing spread over many addresses, but not the owner at an address they signed in from", async () => {
    const user = await makeUser();
    const usual = randomIp();
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD }, from(usual))).ok).toBe(true);
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      await authenticate({ email: user.email, password: `guess ${i}` }, from(randomIp()));
    }
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from(randomIp()))).toEqual({ ok: false, code: "throttled" });
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD }, from(usual))).ok).toBe(true);
  }, 120_000);

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

describe("throttling and X-Forwarded-For", () => {
  it("throttles 40 failed sign-ins from one socket address that each claim another X-Forwarded-For", async () => {
    const ip = randomIp();
    const user = await makeUser();
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await authenticate({ email: user.email, password: "guess" }, from(ip, `203.0.113.${i + 1}`));
      answers.push(r.ok ? "ok" : r.code);
    }
    expect(answers.slice(0, THROTTLE.pairFailures)).toEqual(Array(THROTTLE.pairFailures).fill("invalid"));
    expect(answers.slice(THROTTLE.pairFailures)).toEqual(Array(40 - THROTTLE.pairFailures).fill("throttled"));
  }, 60_000);

  it("throttles an address probing 40 accounts, each attempt with another X-Forwarded-For", async () => {
    const ip = randomIp();
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await authenticate({ email: `probe-${i}-${uid()}@test.most`, password: "guess" }, from(ip, `198.18.0.${i + 1}`));
      answers.push(r.ok ? "ok" : r.code);
    }
    expect(answers.slice(THROTTLE.addressFailures)).toEqual(Array(40 - THROTTLE.addressFailures).fill("throttled"));
  }, 60_000);

  it("keeps a throttled address throttled when it forges X-Forwarded-For", async () => {
    const ip = randomIp();
    const user = await makeUser();
    for (let i = 0; i < THROTTLE.pairFailures; i++) {
      await authenticate({ email: user.email, password: "guess" }, from(ip));
    }
    for (const forged of ["203.0.113.7", "203.0.113.7, 203.0.113.8", "unknown"]) {
      expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from(ip, forged))).toEqual({ ok: false, code: "throttled" });
    }
  });
});
