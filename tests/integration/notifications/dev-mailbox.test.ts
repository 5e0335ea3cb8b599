// The development mailbox page: links decoded whole from quoted-printable, every delivery
// listed, and the page only where and for whom it is meant.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { findDevMailbox, listMailbox, mayReadDevMailbox } from "@/lib/notifications/mailbox";
import { sendMail } from "@/lib/notifications/mailer";
import { actorFor, makeUser } from "../../factories";

// Long enough for quoted-printable soft line breaks, with "=" that becomes "=3D" in the file.
const token = "Ab9-".repeat(20);
const link = `http://localhost:3000/sign-up/confirm?token=${token}&next=%2Fmy`;

beforeEach(() => {
  vi.stubEnv("MAILBOX_DIR", mkdtempSync(path.join(tmpdir(), "most-dev-mailbox-")));
  vi.stubEnv("SMTP_URL", "");
  delete process.env.SMTP_URL;
});
afterEach(() => vi.unstubAllEnvs());

const mail = (messageId: string, to = "new.person@example.org") =>
  sendMail({ to, subject: "Подтвердите адрес", text: `Здравствуйте!\n\nОткройте ссылку: ${link}\n\nСпасибо.`, messageId, locale: "ru" });

describe("development mailbox", () => {
  it("lists messages newest first with their links whole and the text decoded", async () => {
    await mail("<first@mx.example.net>", "first@example.org");
    await new Promise((r) => setTimeout(r, 5));
    await mail("<second@mx.example.net>", "second@example.org");
    const [newest, older] = listMailbox();
    expect(newest).toMatchObject({ to: "second@example.org", subject: "Подтвердите адрес", links: [link] });
    expect(older!.to).toBe("first@example.org");
    expect(newest!.text).toContain("Здравствуйте!");
  });

  it("shows a message delivered twice as two messages", async () => {
    await mail("<same@mx.example.net>");
    await mail("<same@mx.example.net>");
    expect(listMailbox().map((m) => m.messageId)).toEqual(["<same@mx.example.net>", "<same@mx.example.net>"]);
  });

  it("is off in production unless the run command enables it, and off with SMTP", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(mayReadDevMailbox(null, "127.0.0.1")).toBe(false);
    vi.stubEnv("MOST_DEV_MAILBOX", "1");
    expect(mayReadDevMailbox(null, "127.0.0.1")).toBe(true);
    vi.stubEnv("SMTP_URL", "smtps://u:p@mail.example:465");
    expect(mayReadDevMailbox(null, "127.0.0.1")).toBe(false);
  });

  it("opens for this computer and for a platform admin past the second factor, for no one else", async () => {
    const admin = { isPlatformAdmin: true, pendingSecondFactor: null };
    expect(mayReadDevMailbox(null, "::1")).toBe(true);
    expect(mayReadDevMailbox(null, "203.0.113.7")).toBe(false);
    expect(mayReadDevMailbox({ isPlatformAdmin: false, pendingSecondFactor: null }, "203.0.113.7")).toBe(false);
    expect(mayReadDevMailbox({ isPlatformAdmin: true, pendingSecondFactor: "verify" }, "203.0.113.7")).toBe(false);
    expect(mayReadDevMailbox(admin, "203.0.113.7")).toBe(true);
    // Outside a request the address is unknown: only the admin gets the page's data.
    await mail("<page@mx.example.net>");
    expect(await findDevMailbox(await actorFor((await makeUser()).id))).toBeNull();
    const forAdmin = await findDevMailbox(await actorFor((await makeUser({ admin: true })).id));
    // Links to this portal are given as paths, so they open on whatever host the reader uses.
    expect(forAdmin?.[0]?.links).toEqual([`/sign-up/confirm?token=${token}&next=%2Fmy`]);
  });
});
