// Whoever reads mail in transit or at a provider sees the headers first: they must name
// neither the product, nor a funder, nor what the portal is for. Every kind of message the
// portal sends is rendered here and its raw head read back from the development mailbox.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { mailCheckpoints } from "@/lib/audit/checkpoint-mail";
import { signCheckpoints } from "@/lib/audit/checkpoints";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { LOCALES } from "@/lib/i18n/locales";
import { deliverDigest, deliverNotification } from "@/lib/notifications/deliver";
import { decodeHeader, emlHeaders } from "@/lib/notifications/eml";
import { backgroundMailSettled } from "@/lib/notifications/outbox";
import { requestSignUp } from "@/lib/users/registration";
import { makeFunder, makeUser } from "../../factories";

const DOMAIN = "mx.example.net";
let mailbox: string;
beforeEach(async () => {
  await backgroundMailSettled();
  mailbox = mkdtempSync(path.join(tmpdir(), "most-headers-"));
  vi.stubEnv("MAILBOX_DIR", mailbox);
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("MAIL_MESSAGE_ID_DOMAIN", DOMAIN);
});
afterEach(() => vi.unstubAllEnvs());

/** The head of every message in the mailbox, unfolded and with encoded words decoded. */
async function heads(): Promise<string[]> {
  await backgroundMailSettled();
  return readdirSync(mailbox).sort().map((f) => {
    const eml = readFileSync(path.join(mailbox, f), "utf8");
    return Object.entries(emlHeaders(eml)).map(([k, v]) => `${k}: ${decodeHeader(v)}`).join("\n");
  });
}
const address = (who: string) => `${who}-${Math.random().toString(36).slice(2, 8)}@example.org`;
const PURPOSE = [/\bmost\b/i, /grant/i, /audit/i, /sanction/i, /human rights/i, /fund/i, /грант/i, /аудит/i, /санкц/i, /фонд/i, /nadac/i];

function expectNeutral(head: string, funder: { name: string; code: string } | null, domain = DOMAIN) {
  for (const word of PURPOSE) expect(head, String(word)).not.toMatch(word);
  for (const name of funder ? [funder.name, funder.code] : []) expect(head.toLowerCase(), name).not.toContain(name.toLowerCase());
  expect(head).toMatch(new RegExp(`^message-id: <[0-9a-f]{32}@${domain.replace(/\./g, "\\.")}>$`, "m"));
  expect(head).not.toMatch(/^x-mailer:/im);
}

describe("e-mail headers", () => {
  it("name no product, funder or purpose in any kind of message, and carry an opaque Message-ID at the configured domain", async () => {
    const funder = await makeFunder();
    for (const locale of LOCALES) {
      const known = await makeUser({ email: address("known"), locale });
      await makeUser({ email: address("keeper"), locale, roles: [{ funderId: funder.id, role: "AUDITOR" }] });
      const approver = await makeUser({ email: address("signer"), locale, roles: [{ funderId: funder.id, role: "APPROVER" }] });
      const reviewer = await makeUser({ email: address("reader"), locale, roles: [{ funderId: funder.id, role: "REVIEWER" }] });
      await db.user.update({ where: { id: reviewer.id }, data: { emailDigest: true } });

      await requestSignUp({ name: "Anna Petrova", email: address("new"), password: "a long enough passphrase", locale }, `net-${locale}`);
      await requestSignUp({ name: "Anna Petrova", email: known.email, password: "a long enough passphrase", locale }, `net2-${locale}`);
      await requestPasswordReset(known.email, null);

      const grant = `${funder.code}-2026-0001`;
      const staffNote = await db.notification.create({ data: { userId: approver.id, kind: "PAYMENT_AWAITING_APPROVAL", link: "/staff/payments", params: { tranche: 1, grant } } });
      const applicantNote = await db.notification.create({ data: { userId: known.id, kind: "PAYMENT_RECORDED", link: "/my/grants/x", params: { grant } } });
      expect(await deliverNotification(staffNote.id)).toBe("sent");
      expect(await deliverNotification(applicantNote.id)).toBe("sent");
      await db.notification.create({ data: { userId: reviewer.id, kind: "REPORT_DUE", link: "/staff/grants/x", params: { grant, date: "2026-12-01" }, emailState: "IN_DIGEST" } });
      expect(await deliverDigest(reviewer.id, new Date("2026-11-27T07:00:00Z"))).toBe("sent");

      await db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: `headers-${locale}`, funderId: funder.id }));
      await signCheckpoints();
      expect(await mailCheckpoints()).toBeGreaterThanOrEqual(1);
    }
    const all = await heads();
    // Per language: sign-up, sign-up of a known address, reset, staff and applicant
    // notification, digest, and at least the newest auditor's checkpoint.
    expect(all.length).toBeGreaterThanOrEqual(3 * 7);
    for (const head of all) expectNeutral(head, funder);
    expect(new Set(all.map((h) => /^message-id: (.*)$/m.exec(h)![1])).size).toBe(all.length);
  });

  it("takes the sender's domain when no Message-ID domain is configured", async () => {
    vi.stubEnv("MAIL_MESSAGE_ID_DOMAIN", "");
    vi.stubEnv("MAIL_FROM", "Notifications <no-reply@post.example.com>");
    await requestPasswordReset((await makeUser({ email: address("plain") })).email, null);
    const [head] = await heads();
    expectNeutral(head!, null, "post.example.com");
  });

  it("refuses a Message-ID domain that is not a domain name at start, and never puts one in a header", async () => {
    vi.stubEnv("MAIL_MESSAGE_ID_DOMAIN", "most>\r\nX-Funder: x");
    vi.resetModules(); // a fresh lib/env.ts, as at start
    const { env } = await import("@/lib/env");
    expect(() => env()).toThrow(/MAIL_MESSAGE_ID_DOMAIN/);
    const { newMessageId } = await import("@/lib/notifications/message-id");
    expect(newMessageId()).toMatch(/^<[0-9a-f]{32}@localhost>$/);
  });

  it("keeps a delivery's Message-ID when it is sent again after a crash", async () => {
    const user = await makeUser({ email: address("again") });
    const n = await db.notification.create({ data: { userId: user.id, kind: "REVIEW_ASSIGNED", link: "/staff/reviews", params: { reference: "A-2026-000001" } } });
    expect(await deliverNotification(n.id)).toBe("sent");
    // The crash came between sending and stamping: the retry sends again.
    await db.emailDelivery.update({ where: { key: n.id }, data: { sentAt: null } });
    await db.notification.update({ where: { id: n.id }, data: { emailState: "PENDING" } });
    expect(await deliverNotification(n.id)).toBe("sent");
    const ids = (await heads()).map((h) => /^message-id: (.*)$/m.exec(h)![1]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).not.toContain(n.id);
  });
});
