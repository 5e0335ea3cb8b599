import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { beginTotpEnrolment, confirmTotpEnrolment, factorStatus, verifiedByEnrolment, verifySecondFactor } from "@/lib/auth/mfa/factors";
import { requireRecentSecondFactor } from "@/lib/auth/mfa/step-up";
import { currentTotp } from "@/lib/auth/mfa/totp";
import { createSession } from "@/lib/auth/sessions";
import { listStaffQueue } from "@/lib/applications/queries";
import { makeFunder, makeUser } from "../factories";

async function staffWithSession() {
  const funder = await makeFunder();
  const user = await makeUser({ roles: [{ funderId: funder.id, role: "OFFICER" }] });
  const session = await createSession(user.id, "staff", {});
  return { user, funder, sessionId: session.id };
}

async function enrolled() {
  const s = await staffWithSession();
  const enrol = await beginTotpEnrolment({ userId: s.user.id, email: s.user.email });
  const { codes } = await confirmTotpEnrolment({ userId: s.user.id, sessionId: s.sessionId }, currentTotp(enrol.secret));
  const second = await createSession(s.user.id, "staff", {});
  return { ...s, secret: enrol.secret, codes, second: second.id };
}

describe("second factor for staff", () => {
  it("gives staff without a second factor no roles at all until they enrol", async () => {
    const s = await staffWithSession();
    const actor = await loadActor(s.sessionId);
    expect(actor).toMatchObject({ pendingSecondFactor: "enrol", staffRoles: [], isPlatformAdmin: false });
    expect(await listStaffQueue(actor!, "en")).toEqual([]);
    const enrol = await beginTotpEnrolment({ userId: s.user.id, email: s.user.email });
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\/Most:/);
    expect(enrol.qrSvg).toContain("<svg");
    const { codes, sessionId } = await confirmTotpEnrolment({ userId: s.user.id, sessionId: s.sessionId }, currentTotp(enrol.secret));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await loadActor(sessionId))?.staffRoles).toEqual([{ funderId: s.funder.id, role: "OFFICER" }]);
    // Enrolling renewed the session: a copy of the cookie from before enrolment opens nothing.
    expect(sessionId).not.toBe(s.sessionId);
    expect(await loadActor(s.sessionId)).toBeNull();
    // The renewed session counts as verified by enrolment (the /mfa page keeps the codes on
    // screen); a later verification does not.
    const renewed = (await loadActor(sessionId))!;
    expect(verifiedByEnrolment(renewed, await factorStatus(s.user.id))).toBe(true);
    expect(verifiedByEnrolment({ mfaVerifiedAt: new Date(renewed.mfaVerifiedAt!.getTime() + 1) }, await factorStatus(s.user.id))).toBe(false);
    // Once a step-up is due, /mfa asks for a code again, even in this session.
    expect(verifiedByEnrolment(renewed, await factorStatus(s.user.id), new Date(renewed.mfaVerifiedAt!.getTime() + 11 * 60_000))).toBe(false);
    // The secret is stored sealed, not in clear.
    const row = await db.totpFactor.findUniqueOrThrow({ where: { userId: s.user.id } });
    expect(Buffer.from(row.secret).toString()).not.toContain(enrol.secret);
  });

  it("asks an enrolled person for the second factor on every new session", async () => {
    const e = await enrolled();
    expect((await loadActor(e.second))?.pendingSecondFactor).toBe("verify");
  });

  it("accepts each TOTP code once", async () => {
    const e = await enrolled();
    const now = new Date(Date.now() + 30_000); // the next step: the enrolment used this one
    const code = currentTotp(e.secret, now.getTime());
    const renewed = await verifySecondFactor({ userId: e.user.id, sessionId: e.second }, code, now);
    expect((await loadActor(renewed, now))?.pendingSecondFactor).toBeNull();
    const third = await createSession(e.user.id, "staff", {});
    await expect(verifySecondFactor({ userId: e.user.id, sessionId: third.id }, code, now)).rejects.toMatchObject({ fields: { code: "errors.mfa.wrongCode" } });
    expect(await db.auditEvent.count({ where: { entityId: e.user.id, action: "auth.mfa.failed" } })).toBe(1);
  });

  it("accepts each recovery code once, in any spelling", async () => {
    const e = await enrolled();
    await verifySecondFactor({ userId: e.user.id, sessionId: e.second }, e.codes[0]!.toLowerCase().replaceAll("-", ""));
    const third = await createSession(e.user.id, "staff", {});
    await expect(verifySecondFactor({ userId: e.user.id, sessionId: third.id }, e.codes[0]!)).rejects.toMatchObject({ code: "validation" });
  });

  it("locks the second factor after five wrong codes", async () => {
    const e = await enrolled();
    for (let i = 0; i < 5; i++) {
      await expect(verifySecondFactor({ userId: e.user.id, sessionId: e.second }, "000000")).rejects.toMatchObject({ code: "validation" });
    }
    await expect(verifySecondFactor({ userId: e.user.id, sessionId: e.second }, currentTotp(e.secret, Date.now() + 30_000), new Date(Date.now() + 30_000))).rejects.toMatchObject({ code: "rateLimited" });
  });

  it("renews the session when the second factor is passed: the password-only session id is worth nothing after", async () => {
    const e = await enrolled();
    const before = await db.session.findUniqueOrThrow({ where: { id: e.second } });
    const now = new Date(Date.now() + 30_000);
    const renewed = await verifySecondFactor({ userId: e.user.id, sessionId: e.second }, currentTotp(e.secret, now.getTime()), now);
    expect(renewed).not.toBe(e.second);
    // A copy of the cookie taken before the code was entered opens nothing now.
    expect(await loadActor(e.second, now)).toBeNull();
    expect(await db.session.findUniqueOrThrow({ where: { id: e.second } })).toMatchObject({ revokedReason: "renewed" });
    expect(await loadActor(renewed, now)).toMatchObject({ pendingSecondFactor: null, staffRoles: [{ funderId: e.funder.id, role: "OFFICER" }] });
    // The renewed session keeps the sign-in time, so renewals do not stretch its absolute end.
    expect(await db.session.findUniqueOrThrow({ where: { id: renewed } })).toMatchObject({ createdAt: before.createdAt, expiresAt: before.expiresAt, mfaVerifiedAt: now });
    // Ended once: the old id cannot be renewed again (by whoever holds the copy).
    await expect(verifySecondFactor({ userId: e.user.id, sessionId: e.second }, e.codes[1]!, now)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("renews the session at step-up too", async () => {
    const e = await enrolled();
    const signedIn = new Date(Date.now() + 30_000);
    const verified = await verifySecondFactor({ userId: e.user.id, sessionId: e.second }, currentTotp(e.secret, signedIn.getTime()), signedIn);
    // Fifteen minutes on, a sensitive step asks for the factor again (step-up).
    const later = new Date(signedIn.getTime() + 15 * 60_000);
    await db.session.update({ where: { id: verified }, data: { lastSeenAt: later } });
    const due = (await loadActor(verified, later))!;
    expect(() => requireRecentSecondFactor(due, later)).toThrow();
    const stepped = await verifySecondFactor({ userId: e.user.id, sessionId: verified }, currentTotp(e.secret, later.getTime()), later);
    expect(stepped).not.toBe(verified);
    expect(await loadActor(verified, later)).toBeNull();
    const fresh = (await loadActor(stepped, later))!;
    expect(() => requireRecentSecondFactor(fresh, later)).not.toThrow();
  });

  it("renews a session once when its second factor is passed twice at the same moment", async () => {
    const e = await enrolled();
    const results = await Promise.allSettled([
      verifySecondFactor({ userId: e.user.id, sessionId: e.second }, e.codes[2]!),
      verifySecondFactor({ userId: e.user.id, sessionId: e.second }, e.codes[3]!),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.session.count({ where: { userId: e.user.id, revokedAt: null } })).toBe(2); // the enrolment's and the winner's
  });

  it("leaves the code unused when the session ended before it could be renewed", async () => {
    const e = await enrolled();
    await db.session.update({ where: { id: e.second }, data: { revokedAt: new Date(), revokedReason: "signed out" } });
    await expect(verifySecondFactor({ userId: e.user.id, sessionId: e.second }, e.codes[4]!)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await db.recoveryCode.count({ where: { userId: e.user.id, usedAt: null } })).toBe(10);
  });

  it("requires a check from the last 10 minutes for sensitive steps", () => {
    const now = new Date();
    expect(() => requireRecentSecondFactor({ mfaVerifiedAt: new Date(now.getTime() - 9 * 60_000) }, now)).not.toThrow();
    expect(() => requireRecentSecondFactor({ mfaVerifiedAt: new Date(now.getTime() - 11 * 60_000) }, now)).toThrow();
    expect(() => requireRecentSecondFactor({ mfaVerifiedAt: null }, now)).toThrow();
  });

  it("leaves applicants without a second factor free to work", async () => {
    const user = await makeUser();
    const { id } = await createSession(user.id, "applicant", {});
    expect((await loadActor(id))?.pendingSecondFactor).toBeNull();
  });
});
