import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { beginTotpEnrolment, confirmTotpEnrolment, verifySecondFactor } from "@/lib/auth/mfa/factors";
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
  const codes = await confirmTotpEnrolment({ userId: s.user.id, sessionId: s.sessionId }, currentTotp(enrol.secret));
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
    const codes = await confirmTotpEnrolment({ userId: s.user.id, sessionId: s.sessionId }, currentTotp(enrol.secret));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await loadActor(s.sessionId))?.staffRoles).toEqual([{ funderId: s.funder.id, role: "OFFICER" }]);
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
    await verifySecondFactor({ userId: e.user.id, sessionId: e.second }, code, now);
    expect((await loadActor(e.second))?.pendingSecondFactor).toBeNull();
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
