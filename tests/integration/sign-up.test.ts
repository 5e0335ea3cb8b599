// Sign-up confirmed by e-mail: the form answers the same for a new and a known address,
// no account exists before the link is used, a link works once, and pending requests
// do not linger.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../setup/next-mocks")).nextIntlServer);

import { confirmSignUpAction, registerAction } from "@/app/(public)/sign-up/actions";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { IDLE_FORM } from "@/lib/form-state";
import { backgroundMailSettled } from "@/lib/notifications/outbox";
import { CONFIRM_ATTEMPTS, confirmSignUp, purgeExpiredSignUps, requestSignUp, usableSignUpLink } from "@/lib/users/registration";
import { makeUser } from "../factories";
import { byEmail, openPersonById } from "@/lib/users/personal-data";
import { isNavigationSignal, newRequest } from "../setup/next-mocks";
import { emlBody } from "../support-eml";

let mailbox: string;
beforeEach(async () => {
  await backgroundMailSettled(); // the previous test's mail lands in its own mailbox
  mailbox = mkdtempSync(path.join(tmpdir(), "most-signup-"));
  process.env.MAILBOX_DIR = mailbox;
  newRequest();
});
/** The mailbox, once every background send has finished. */
async function mails() {
  await backgroundMailSettled();
  return readdirSync(mailbox).sort().map((f) => readFileSync(path.join(mailbox, f), "utf8"));
}
function tokenIn(eml: string): string | null {
  return /sign-up\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(emlBody(eml))?.[1] ?? null;
}
const PASSWORD = "a long enough passphrase";
const address = () => `anna-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
const input = (email: string) => ({ name: "Anna Petrova", email, password: PASSWORD, locale: "ru" as const });
function form(values: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}
async function redirectOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (isNavigationSignal(e)) return (e as { digest: string }).digest.split(";")[2] ?? null;
    throw e;
  }
}

describe("sign-up confirmed by e-mail", () => {
  it("creates no account until the link is used, and then exactly one", async () => {
    const email = address();
    await requestSignUp(input(email), "net-a");
    expect(await db.user.count({ where: byEmail(email) })).toBe(0);
    const [mail, ...rest] = await mails();
    expect(rest).toEqual([]);
    expect(mail).toMatch(new RegExp(`^To: ${email.replace(/[.+]/g, "\\$&")}$`, "m"));
    expect(mail).toMatch(/^Subject: =\?UTF-8\?/m); // Russian subject, as the person chose
    const token = tokenIn(mail!)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await db.signUpRequest.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    expect(await usableSignUpLink(token)).toEqual({ next: null });

    const userId = await confirmSignUp(token, PASSWORD);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId! } });
    expect({ ...user, ...(await openPersonById(user.id)) }).toMatchObject({ email, name: "Anna Petrova", locale: "ru" });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "user.registered", entityId: userId! } })).toBe(1);

    expect(await confirmSignUp(token, PASSWORD)).toBeNull();
    expect(await usableSignUpLink(token)).toBeNull();
    expect(await db.user.count({ where: byEmail(email) })).toBe(1);
  });

  it("tells the owner of a known address that they have an account, and changes nothing", async () => {
    const user = await makeUser();
    await requestSignUp(input(user.email), "net-b");
    expect(await db.signUpRequest.count({ where: byEmail(user.email) })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
    const [mail] = await mails();
    expect(mail).toMatch(new RegExp(`^To: ${user.email.replace(/[.+]/g, "\\$&")}$`, "m"));
    expect(tokenIn(mail!)).toBeNull();
    expect(emlBody(mail!)).toContain("/forgot-password");
    expect(await db.auditEvent.count({ where: { action: "user.signUp.knownAddress", entityId: user.id } })).toBe(1);
  });

  it("gives the same answer on the form for a new and a known address", async () => {
    const known = await makeUser();
    newRequest();
    const forKnown = await registerAction(IDLE_FORM, form({ ...input(known.email) }));
    newRequest();
    const forNew = await registerAction(IDLE_FORM, form({ ...input(address()) }));
    expect(forKnown).toEqual({ status: "ok" });
    expect(forNew).toEqual(forKnown);
    expect((await mails())).toHaveLength(2);
  });

  it("signs the person in with the link and sends them on to describe their organisation", async () => {
    const email = address();
    await requestSignUp(input(email), "net-c");
    const token = tokenIn((await mails())[0]!)!;
    expect(await redirectOf(confirmSignUpAction(IDLE_FORM, form({ token, password: PASSWORD })))).toBe("/my/organisations/new");
    const user = await db.user.findUniqueOrThrow({ where: byEmail(email) });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    // The same link again: a translated refusal, no second account or session.
    expect(await confirmSignUpAction(IDLE_FORM, form({ token, password: PASSWORD }))).toEqual({ status: "error", message: "errors.signUp.refused" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "auth.signIn.failed", after: { path: ["reason"], equals: "signUpLink" } } })).toBeGreaterThan(0);
  });

  it("sends an invited person back to their invitation, and never off the portal", async () => {
    const invited = address();
    expect(await registerAction(IDLE_FORM, form({ ...input(invited), next: "/invitations/abc123" }))).toEqual({ status: "ok" });
    const token = tokenIn((await mails())[0]!)!;
    expect(await usableSignUpLink(token)).toEqual({ next: "/invitations/abc123" });
    expect(await redirectOf(confirmSignUpAction(IDLE_FORM, form({ token, password: PASSWORD })))).toBe("/invitations/abc123");
    newRequest();
    const lured = address();
    await registerAction(IDLE_FORM, form({ ...input(lured), next: "//evil.example/phish" }));
    expect(await db.signUpRequest.findFirstOrThrow({ where: byEmail(lured) })).toMatchObject({ next: null });
  });

  it("opens nothing without the password chosen at sign-up, so a planted or leaked link is useless", async () => {
    // Someone registers a victim's address with a password of their own choosing.
    const victim = address();
    await requestSignUp({ ...input(victim), password: "the planter's own passphrase" }, "net-h");
    const token = tokenIn((await mails())[0]!)!;
    // The victim, or whoever finds the link, does not know that password.
    expect(await confirmSignUp(token, PASSWORD)).toBeNull();
    expect(await db.user.count({ where: byEmail(victim) })).toBe(0);
    expect(await usableSignUpLink(token)).not.toBeNull(); // a typo does not burn the link
    for (let i = 1; i < CONFIRM_ATTEMPTS; i++) await confirmSignUp(token, `guess ${i}`);
    expect(await usableSignUpLink(token)).toBeNull(); // the fifth wrong password retires it
    expect(await confirmSignUp(token, "the planter's own passphrase")).toBeNull();
    expect(await db.user.count({ where: byEmail(victim) })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "user.signUp.wrongPassword" } })).toBeGreaterThanOrEqual(CONFIRM_ATTEMPTS);
  });

  it("refuses a wrong password on the page with a translated message and no session", async () => {
    const email = address();
    await requestSignUp(input(email), "net-i");
    const token = tokenIn((await mails())[0]!)!;
    expect(await confirmSignUpAction(IDLE_FORM, form({ token, password: "not the one" }))).toEqual({ status: "error", message: "errors.signUp.refused" });
    expect(await confirmSignUpAction(IDLE_FORM, form({ token, password: "" }))).toMatchObject({ status: "error", fieldErrors: { password: "errors.field.required" } });
    expect(await db.user.count({ where: byEmail(email) })).toBe(0);
    expect(await redirectOf(confirmSignUpAction(IDLE_FORM, form({ token, password: PASSWORD })))).toBe("/my/organisations/new");
  });

  it("sends at most three sign-up e-mails to one address in a window, answering the same", async () => {
    const known = await makeUser();
    for (const email of [address(), known.email]) {
      for (let i = 0; i < 5; i++) {
        newRequest();
        expect(await registerAction(IDLE_FORM, form({ ...input(email) }))).toEqual({ status: "ok" });
      }
    }
    const sent = await mails();
    expect(sent).toHaveLength(6);
    expect(sent.filter((m) => m.includes(`To: ${known.email}`))).toHaveLength(3);
  });

  it("refuses an expired link", async () => {
    const email = address();
    await requestSignUp(input(email), "net-d", new Date(Date.now() - 25 * 3_600_000));
    const token = tokenIn((await mails())[0]!)!;
    expect(await usableSignUpLink(token)).toBeNull();
    expect(await confirmSignUp(token, PASSWORD)).toBeNull();
    expect(await db.user.count({ where: byEmail(email) })).toBe(0);
  });

  it("creates one account when two links of one address are used, even at the same moment", async () => {
    const email = address();
    await requestSignUp(input(email), "net-e");
    await requestSignUp({ ...input(email), name: "Anna P." }, "net-e");
    const [first, second] = (await mails()).map((m) => tokenIn(m)!);
    const results = await Promise.all([confirmSignUp(first!, PASSWORD), confirmSignUp(second!, PASSWORD), confirmSignUp(first!, PASSWORD)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.user.count({ where: byEmail(email) })).toBe(1);
    // The used request stays until the daily purge; the other one (a name and a password hash) is gone.
    expect(await db.signUpRequest.count({ where: { ...byEmail(email), usedAt: null } })).toBe(0);
  });

  it("refuses a link whose address got an account in the meantime", async () => {
    const email = address();
    await requestSignUp(input(email), "net-f");
    const token = tokenIn((await mails())[0]!)!;
    await makeUser({ email });
    expect(await confirmSignUp(token, PASSWORD)).toBeNull();
    expect(await db.user.count({ where: byEmail(email) })).toBe(1);
  });

  it("refuses malformed input with field errors and writes nothing", async () => {
    const before = await db.signUpRequest.count();
    const r = await registerAction(IDLE_FORM, form({ name: "", email: "not an address", password: "short", locale: "xx" }));
    expect(r.status).toBe("error");
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["email", "locale", "name", "password"]);
    expect(await db.signUpRequest.count()).toBe(before);
    expect((await mails())).toEqual([]);
    expect(await confirmSignUpAction(IDLE_FORM, form({ token: "../../etc" }))).toMatchObject({ status: "error" });
  });

  it("purges expired and used requests, keeping live ones", async () => {
    const live = address();
    const old = address();
    await requestSignUp(input(live), "net-g");
    await requestSignUp(input(old), "net-g", new Date(Date.now() - 25 * 3_600_000));
    expect(await purgeExpiredSignUps()).toBeGreaterThanOrEqual(1);
    expect(await db.signUpRequest.count({ where: byEmail(old) })).toBe(0);
    expect(await db.signUpRequest.count({ where: byEmail(live) })).toBe(1);
  });
});
