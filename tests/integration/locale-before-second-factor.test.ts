// The language chosen on the sign-in page (the switcher's cookie) holds on the second-factor
// page; once the second factor is passed, the profile's language applies as before.
import { beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ sessionId: null as string | null, cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined) }),
  headers: async () => new Headers({ "accept-language": "ru" }),
}));
vi.mock("@/lib/auth/next-auth", () => ({ currentSessionId: async () => request.sessionId }));

import { beginTotpEnrolment, confirmTotpEnrolment, verifySecondFactor } from "@/lib/auth/mfa/factors";
import { currentTotp } from "@/lib/auth/mfa/totp";
import { createSession } from "@/lib/auth/sessions";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { resolveLocale } from "@/lib/i18n/request";
import { db } from "@/lib/db";
import { makeFunder, makeUser } from "../factories";

beforeEach(() => {
  request.sessionId = null;
  request.cookies = new Map();
});

describe("language around the second factor", () => {
  it("keeps the sign-in page's choice on the second-factor page, then the profile's", async () => {
    const funder = await makeFunder();
    const user = await makeUser({ roles: [{ funderId: funder.id, role: "OFFICER" }] });
    await db.user.update({ where: { id: user.id }, data: { locale: "en" } });
    const first = await createSession(user.id, "staff", {});
    const enrol = await beginTotpEnrolment({ userId: user.id, email: user.email });
    await confirmTotpEnrolment({ userId: user.id, sessionId: first.id }, currentTotp(enrol.secret));

    // Signed out, Czech chosen on the sign-in page; the password step gives a pending session.
    request.cookies.set(LOCALE_COOKIE, "cs");
    expect(await resolveLocale()).toBe("cs");
    const pending = await createSession(user.id, "staff", {});
    request.sessionId = pending.id;
    expect(await resolveLocale()).toBe("cs");

    const now = new Date(Date.now() + 30_000);
    request.sessionId = await verifySecondFactor({ userId: user.id, sessionId: pending.id }, currentTotp(enrol.secret, now.getTime()), now);
    expect(await resolveLocale()).toBe("en");
  });

  it("uses the profile's language on the second-factor page when none was chosen", async () => {
    const funder = await makeFunder();
    const user = await makeUser({ roles: [{ funderId: funder.id, role: "OFFICER" }] });
    await db.user.update({ where: { id: user.id }, data: { locale: "cs" } });
    request.sessionId = (await createSession(user.id, "staff", {})).id;
    expect(await resolveLocale()).toBe("cs");
  });
});
