// Notifications reach the right people only, and e-mail to applicants says nothing.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { answerClarification, askClarification } from "@/lib/applications/clarifications";
import { db } from "@/lib/db";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { markRead } from "@/lib/notifications/centre";
import { deliverDigest, deliverNotification } from "@/lib/notifications/deliver";
import { actorFor, makeStaff } from "../../factories";
import { grantWorld } from "../../factories/grant-world";
import { staffWorld } from "../../factories/staff-world";
import { emlBody as decodeBody } from "../../support-eml";

let mailbox: string;
beforeEach(() => {
  mailbox = mkdtempSync(path.join(tmpdir(), "most-mailbox-"));
  process.env.MAILBOX_DIR = mailbox;
  delete process.env.SMTP_URL;
});

const mails = () => readdirSync(mailbox).map((f) => readFileSync(path.join(mailbox, f), "utf8"));
const notificationsOf = (userId: string) => db.notification.findMany({ where: { userId } });

describe("notifications", () => {
  it("a clarification request notifies the organisation's members and no one else", async () => {
    const w = await staffWorld();
    const other = await staffWorld();
    const otherFunderOfficer = other.officer;
    await askClarification(w.officer, w.app.id, "Please explain the travel line.");
    const mine = await notificationsOf(w.member.id);
    expect(mine.map((n) => [n.kind, n.link])).toEqual([["CLARIFICATION_REQUESTED", `/my/applications/${w.app.id}`]]);
    expect(await notificationsOf(other.member.id)).toEqual([]);
    expect(await notificationsOf(otherFunderOfficer.userId)).toEqual([]);
    expect(await notificationsOf(w.officer.userId)).toEqual([]);
    // The answer goes back to that funder's officers (no lead officer is set here).
    const [question] = await db.message.findMany({ where: { applicationId: w.app.id, kind: "QUESTION" } });
    await answerClarification(await actorFor(w.member.id), w.app.id, question!.id, "Four lawyers, half time.");
    for (const officer of [w.officer, w.officer2]) {
      expect((await notificationsOf(officer.userId)).map((n) => [n.kind, n.link])).toEqual([["CLARIFICATION_ANSWERED", `/staff/applications/${w.app.id}`]]);
    }
    expect(await notificationsOf(otherFunderOfficer.userId)).toEqual([]);
    expect(await notificationsOf(w.reviewer1.userId)).toEqual([]);
  });

  it("the applicant's e-mail is in their language and names no funder, programme, organisation, title or amount", async () => {
    const w = await staffWorld({ protectedOrg: true });
    await db.user.update({ where: { id: w.member.id }, data: { emailLocale: "ru" } });
    await askClarification(w.officer, w.app.id, "Please explain the travel line.");
    const [n] = await notificationsOf(w.member.id);
    expect(await deliverNotification(n!.id)).toBe("sent");
    const [mail] = mails();
    expect(mail).toBeDefined();
    const app = await db.application.findUniqueOrThrow({ where: { id: w.app.id } });
    const forbidden = [w.funder.name, w.funder.code, w.programme.name, w.programme.code, w.org.codename, "Hidden Lawyers Collective", "OOO Skrytye Yuristy", app.title, app.reference, "60000", "60 000", "travel"];
    for (const word of forbidden) expect(mail, word).not.toContain(word);
    // Russian text (quoted-printable or base64 in the .eml): decode the body to check.
    const decoded = decodeBody(mail!);
    expect(decoded).toContain("В портале для вас есть что-то новое");
    for (const word of forbidden) expect(decoded, word).not.toContain(word);
    expect(decoded).toContain("/notifications");
  });

  it("a job retried after a crash sends one e-mail", async () => {
    const w = await staffWorld();
    await askClarification(w.officer, w.app.id, "Question");
    const [n] = await notificationsOf(w.member.id);
    expect(await deliverNotification(n!.id)).toBe("sent");
    // The crash: the job died after the mail left but before the notification was marked.
    await db.notification.update({ where: { id: n!.id }, data: { emailState: "PENDING", emailedAt: null } });
    expect(await deliverNotification(n!.id)).toBe("already-sent");
    expect(await deliverNotification(n!.id)).toBe("already-sent");
    expect(mails()).toHaveLength(1);
    expect(await db.emailDelivery.count({ where: { userId: w.member.id } })).toBe(1);
  });

  it("sends nothing to someone who turned e-mail off", async () => {
    const w = await staffWorld();
    await db.user.update({ where: { id: w.member.id }, data: { emailEnabled: false } });
    await askClarification(w.officer, w.app.id, "Question");
    const [n] = await notificationsOf(w.member.id);
    expect(await deliverNotification(n!.id)).toBe("skipped");
    expect(mails()).toHaveLength(0);
  });

  it("payments notify the approvers (not the requester), then the grantee; staff e-mail names the grant", async () => {
    const w = await grantWorld();
    const otherFunderApprover = (await staffWorld()).approver;
    await requestPayment(w.officer, w.tranches[0]!.id);
    const approverNotes = await notificationsOf(w.approver.userId);
    expect(approverNotes.map((n) => n.kind)).toContain("PAYMENT_AWAITING_APPROVAL");
    expect((await notificationsOf(w.officer.userId)).filter((n) => n.kind === "PAYMENT_AWAITING_APPROVAL")).toEqual([]);
    expect(await notificationsOf(otherFunderApprover.userId)).toEqual([]);
    const waiting = approverNotes.find((n) => n.kind === "PAYMENT_AWAITING_APPROVAL")!;
    await deliverNotification(waiting.id);
    expect(decodeBody(mails()[0]!)).toContain(w.grant.number);

    await approvePayment(w.approver, w.tranches[0]!.id);
    await recordPayment(w.finance, { trancheId: w.tranches[0]!.id, idempotencyKey: `notify-test-${w.grant.id}`.slice(0, 60), valueDate: new Date().toISOString().slice(0, 10), bankReference: "REF-1" });
    const paid = (await notificationsOf(w.member.id)).filter((n) => n.kind === "PAYMENT_RECORDED");
    expect(paid).toHaveLength(1);
    expect(paid[0]!.link).toBe(`/my/grants/${w.grant.id}`);
  });

  it("collects a staff member's notifications into one daily digest", async () => {
    const w = await staffWorld();
    const reviewer = w.reviewer1;
    await db.user.update({ where: { id: reviewer.userId }, data: { emailDigest: true } });
    const app2 = await staffWorld();
    for (const n of [
      { kind: "REVIEW_ASSIGNED" as const, link: "/staff/reviews", params: { reference: "APP-1" } },
      { kind: "REVIEW_DUE" as const, link: "/staff/reviews", params: { reference: "APP-2", date: "2026-12-01" } },
    ]) {
      await db.notification.create({ data: { userId: reviewer.userId, ...n } });
    }
    for (const n of await notificationsOf(reviewer.userId)) expect(await deliverNotification(n.id)).toBe("in-digest");
    expect(mails()).toHaveLength(0);
    expect(await deliverDigest(reviewer.userId, new Date("2026-11-27T07:00:00Z"))).toBe("sent");
    expect(await deliverDigest(reviewer.userId, new Date("2026-11-27T07:00:00Z"))).toBe("skipped");
    const all = mails();
    expect(all).toHaveLength(1);
    const body = decodeBody(all[0]!);
    expect(body).toContain("APP-1");
    expect(body).toContain("APP-2");
    expect(app2.member.id).not.toBe(reviewer.userId);
  });

  it("nobody can open or mark someone else's notification", async () => {
    const w = await staffWorld();
    await askClarification(w.officer, w.app.id, "Question");
    const [n] = await notificationsOf(w.member.id);
    const stranger = await actorFor((await staffWorld()).member.id);
    await expect(markRead(stranger, n!.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(markRead(await makeStaff(w.funder.id, "OFFICER"), n!.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await db.notification.findUniqueOrThrow({ where: { id: n!.id } })).readAt).toBeNull();
    expect(await markRead(await actorFor(w.member.id), n!.id)).toBe(`/my/applications/${w.app.id}`);
  });
});
