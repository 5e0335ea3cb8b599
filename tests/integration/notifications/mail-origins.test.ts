// A portal served on its clearnet name, an onion service and a mirror: links in e-mail name the
// origin the person used (the request's, or the one they last signed in through), never one
// a forged Host header names, and the session cookie fits each origin.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { currentSessionId, signInWithPassword } from "@/lib/auth/next-auth";
import { db } from "@/lib/db";
import { deliverNotification } from "@/lib/notifications/deliver";
import { listMailbox } from "@/lib/notifications/mailbox";
import { backgroundMailSettled } from "@/lib/notifications/outbox";
import { requestSignUp } from "@/lib/users/registration";
import { makeUser, TEST_PASSWORD } from "../../factories";
import { newRequest, request } from "../../setup/next-mocks";

const ONION = "most2xvbyn7pjqmvkdyfqf4zwdcicuthobrrdmbwbudcjw3adbmhfhid.onion";
const MIRROR = "mirror.most.example.org";
vi.hoisted(() => {
  process.env.MOST_MIRROR_ORIGINS = "http://most2xvbyn7pjqmvkdyfqf4zwdcicuthobrrdmbwbudcjw3adbmhfhid.onion, https://mirror.most.example.org";
});
vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);

beforeEach(async () => {
  await backgroundMailSettled();
  vi.stubEnv("MAILBOX_DIR", mkdtempSync(path.join(tmpdir(), "most-origins-")));
  vi.stubEnv("SMTP_URL", "");
  delete process.env.SMTP_URL;
  newRequest();
});

const on = (host: string) => request.headers.set("host", host);
const address = () => `origin-${Math.random().toString(36).slice(2, 8)}@example.org`;
async function onlyLink(): Promise<string> {
  await backgroundMailSettled();
  const mails = listMailbox();
  expect(mails).toHaveLength(1);
  return mails[0]!.links[0]!;
}

describe("links and cookies on each origin", () => {
  it("a sign-up through the onion service is confirmed by a link to the onion service", async () => {
    on(ONION);
    await requestSignUp({ name: "Anna Petrova", email: address(), password: "a long enough passphrase", locale: "ru" }, "net-onion");
    expect(await onlyLink()).toMatch(new RegExp(`^http://${ONION.replace(/\./g, "\\.")}/sign-up/confirm\\?token=`));
  });

  it("a password reset asked on the mirror links to the mirror", async () => {
    const user = await makeUser({ email: address() });
    on(MIRROR);
    await requestPasswordReset(user.email, null);
    expect(await onlyLink()).toMatch(new RegExp(`^https://${MIRROR.replace(/\./g, "\\.")}/reset-password\\?token=`));
  });

  it("a Host the portal is not configured for gets APP_URL in the link, never itself", async () => {
    const user = await makeUser({ email: address() });
    on("phish.example.net");
    await requestPasswordReset(user.email, null);
    const link = await onlyLink();
    expect(link).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=/);
    expect(link).not.toContain("phish");
  });

  it("a notice e-mailed later names the origin of the person's last sign-in", async () => {
    const user = await makeUser({ email: address() });
    const mailTo = async () => {
      const n = await db.notification.create({ data: { userId: user.id, kind: "CLARIFICATION_REQUESTED", link: "/my/applications" } });
      expect(await deliverNotification(n.id)).toBe("sent");
      const link = await onlyLink();
      vi.stubEnv("MAILBOX_DIR", mkdtempSync(path.join(tmpdir(), "most-origins-")));
      return link;
    };
    expect(await mailTo()).toBe("http://localhost:3000/notifications"); // never signed in: APP_URL

    on(ONION);
    expect(await signInWithPassword(user.email, TEST_PASSWORD)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mailOrigin).toBe(`http://${ONION}`);
    expect(await mailTo()).toBe(`http://${ONION}/notifications`);

    newRequest();
    on("localhost:3000");
    expect(await signInWithPassword(user.email, TEST_PASSWORD)).toBeNull();
    expect(await mailTo()).toBe("http://localhost:3000/notifications");

    // A stored origin the portal no longer serves falls back to APP_URL.
    await db.user.update({ where: { id: user.id }, data: { mailOrigin: "https://retired-mirror.example.org" } });
    expect(await mailTo()).toBe("http://localhost:3000/notifications");
  });

  it("the session cookie is __Host- (Secure) on an HTTPS mirror and plain on the onion service", async () => {
    const user = await makeUser({ email: address() });
    on(MIRROR);
    expect(await signInWithPassword(user.email, TEST_PASSWORD)).toBeNull();
    expect([...request.cookies.keys()]).toContain("__Host-authjs.session-token");
    const onMirror = await currentSessionId();
    expect(onMirror).toBeTruthy();

    newRequest();
    on(ONION);
    expect(await signInWithPassword(user.email, TEST_PASSWORD)).toBeNull();
    const names = [...request.cookies.keys()];
    expect(names).toContain("authjs.session-token");
    expect(names).not.toContain("__Host-authjs.session-token");
    const onOnion = await currentSessionId();
    expect(onOnion).toBeTruthy();
    expect(onOnion).not.toBe(onMirror);
  });
});
