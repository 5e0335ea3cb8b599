// Password reset: no enumeration, one-time links that expire, sessions ended, and the
// second factor still required afterwards.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { requestPasswordReset, resetPassword, RESETS_PER_HOUR } from "@/lib/auth/password-reset";
import { createSession } from "@/lib/auth/sessions";
import { authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { backgroundMailSettled } from "@/lib/notifications/outbox";
import { makeFunder, makeUser } from "../factories";
import { emlBody } from "../support-eml";

let mailbox: string;
beforeEach(async () => {
  await backgroundMailSettled(); // the previous test's mail lands in its own mailbox
  mailbox = mkdtempSync(path.join(tmpdir(), "most-reset-"));
  process.env.MAILBOX_DIR = mailbox;
});
/** The mailbox, once every background send has finished (the page does not wait for mail). */
async function mails() {
  await backgroundMailSettled();
  return readdirSync(mailbox).map((f) => readFileSync(path.join(mailbox, f), "utf8"));
}
/** The token from the link in the (quoted-printable) e-mail. */
function tokenIn(eml: string): string {
  const flat = eml.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(flat)![1]!;
}
const NEW_PASSWORD = "a brand new long passphrase";

describe("password reset", () => {
  it("answers the same for an unknown address and sends nothing", async () => {
    await expect(requestPasswordReset(`nobody-${Date.now()}@test.most`, null)).resolves.toBeUndefined();
    expect((await mails())).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "auth.passwordReset.unknownAddress" } })).toBe(1);
  });

  it("e-mails a one-time link that sets a new password and ends every session", async () => {
    const user = await makeUser();
    const session = await createSession(user.id, "applicant", {});
    await requestPasswordReset(user.email, null);
    const [mail] = await mails();
    expect(mail).toMatch(new RegExp(`^To: ${user.email.replace(/[.+]/g, "\\$&")}$`, "m"));
    const token = tokenIn(mail!);
    expect(await db.passwordReset.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    await resetPassword({ token, password: NEW_PASSWORD });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await loadActor(session.id)).toBeNull();
    await expect(resetPassword({ token, password: "yet another long passphrase" })).rejects.toMatchObject({ code: "validation", fields: { token: "errors.reset.invalid" } });
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it("refuses an expired link and retires older links when one is used", async () => {
    const user = await makeUser();
    const past = new Date(Date.now() - 2 * 3_600_000);
    await requestPasswordReset(user.email, null, past);
    const expired = tokenIn((await mails())[0]!);
    await expect(resetPassword({ token: expired, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "validation" });
    await requestPasswordReset(user.email, null);
    await requestPasswordReset(user.email, null);
    const [first, second] = (await mails()).slice(1).map(tokenIn);
    expect(first).not.toBe(second);
    await resetPassword({ token: second!, password: NEW_PASSWORD });
    await expect(resetPassword({ token: first!, password: "another long passphrase" })).rejects.toMatchObject({ code: "validation" });
  });

  it("sends at most a few links an hour", async () => {
    const user = await makeUser();
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) await requestPasswordReset(user.email, null);
    expect((await mails())).toHaveLength(RESETS_PER_HOUR);
    expect(await db.auditEvent.count({ where: { action: "auth.passwordReset.throttled", entityId: user.id } })).toBe(2);
  });

  it("never bypasses the second factor: a staff member still has to pass it after a reset", async () => {
    const funder = await makeFunder();
    const staff = await makeUser({ roles: [{ funderId: funder.id, role: "OFFICER" }] });
    await requestPasswordReset(staff.email, null);
    await resetPassword({ token: tokenIn((await mails())[0]!), password: NEW_PASSWORD });
    const signIn = await authenticate({ email: staff.email, password: NEW_PASSWORD }, new Headers());
    expect(signIn.ok).toBe(true);
    const actor = await loadActor((signIn as { sessionId: string }).sessionId);
    expect(actor?.pendingSecondFactor).not.toBeNull();
    expect(actor?.staffRoles).toEqual([]);
  });

  it("e-mails the link in the person's language and nothing about the organisation", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { locale: "cs" } });
    await requestPasswordReset(user.email, null);
    const eml = (await mails())[0]!;
    const body = emlBody(eml);
    expect(body).toContain("Nové heslo nastavíte");
    expect(body).not.toContain(user.name);
  });
});
