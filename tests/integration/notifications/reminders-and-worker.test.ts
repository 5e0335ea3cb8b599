// Reminders fire on the right days with the clock passed in; the pg-boss worker e-mails
// a new notification on its own.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startWorker } from "@/lib/jobs/worker";
import { requestPayment } from "@/lib/ledger/payments";
import { newMessageId } from "@/lib/notifications/message-id";
import { runReminders } from "@/lib/notifications/reminders";
import { grantWorld } from "../../factories/grant-world";
import { staffWorld } from "../../factories/staff-world";

const at = (iso: string) => new Date(iso);
const kindsOf = async (userId: string) => (await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);

describe("reminders", () => {
  it("remind grantees of a report 14 and 3 days ahead and once when overdue, never twice", async () => {
    const w = await grantWorld();
    await db.report.create({ data: { grantId: w.grant.id, kind: "INTERIM", dueDate: at("2027-03-31") } });
    await runReminders(at("2027-03-10T06:00:00Z")); // 21 days ahead: nothing yet
    expect(await kindsOf(w.member.id)).not.toContain("REPORT_DUE");
    await runReminders(at("2027-03-17T06:00:00Z")); // 14 days
    await runReminders(at("2027-03-18T06:00:00Z")); // next day: the same reminder is not repeated
    expect((await kindsOf(w.member.id)).filter((k) => k === "REPORT_DUE")).toHaveLength(1);
    await runReminders(at("2027-03-28T06:00:00Z")); // 3 days
    expect((await kindsOf(w.member.id)).filter((k) => k === "REPORT_DUE")).toHaveLength(2);
    await runReminders(at("2027-04-01T06:00:00Z")); // overdue
    await runReminders(at("2027-04-02T06:00:00Z"));
    expect((await kindsOf(w.member.id)).filter((k) => k === "REPORT_OVERDUE")).toHaveLength(1);
    // Staff of the funder are not told about the grantee's report through this reminder.
    expect(await kindsOf(w.officer.userId)).not.toContain("REPORT_DUE");
  });

  it("tells approvers about a payment waiting more than 2 days, not the one who requested it", async () => {
    const w = await grantWorld();
    await requestPayment(w.officer, w.tranches[0]!.id);
    const requested = (await db.tranche.findUniqueOrThrow({ where: { id: w.tranches[0]!.id } })).requestedAt!;
    await runReminders(new Date(requested.getTime() + 47 * 3_600_000));
    expect(await kindsOf(w.approver.userId)).not.toContain("PAYMENT_APPROVAL_WAITING");
    await runReminders(new Date(requested.getTime() + 49 * 3_600_000));
    expect(await kindsOf(w.approver.userId)).toContain("PAYMENT_APPROVAL_WAITING");
    expect(await kindsOf(w.approver2.userId)).toContain("PAYMENT_APPROVAL_WAITING");
    expect(await kindsOf(w.officer.userId)).not.toContain("PAYMENT_APPROVAL_WAITING");
  });

  it("tells that funder's officers about an emergency application undecided after 48 hours", async () => {
    const w = await staffWorld({ kind: "EMERGENCY" });
    const other = await staffWorld({ kind: "EMERGENCY" });
    const submitted = (await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).submittedAt!;
    await runReminders(new Date(submitted.getTime() + 47 * 3_600_000));
    expect(await kindsOf(w.officer.userId)).not.toContain("EMERGENCY_WAITING");
    await runReminders(new Date(submitted.getTime() + 49 * 3_600_000));
    expect(await kindsOf(w.officer.userId)).toContain("EMERGENCY_WAITING");
    expect(await kindsOf(w.officer2.userId)).toContain("EMERGENCY_WAITING");
    expect(await kindsOf(w.approver.userId)).not.toContain("EMERGENCY_WAITING");
    const otherNotes = await db.notification.findMany({ where: { userId: other.officer.userId, link: `/staff/applications/${w.app.id}` } });
    expect(otherNotes).toEqual([]);
  });

  it("reminds reviewers of a review due within two days", async () => {
    const w = await staffWorld();
    const assignment = await db.reviewAssignment.create({ data: { applicationId: w.app.id, reviewerId: w.reviewer1.userId, assignedById: w.officer.userId, dueAt: at("2027-02-10T12:00:00Z") } });
    await runReminders(at("2027-02-07T06:00:00Z"));
    expect(await kindsOf(w.reviewer1.userId)).not.toContain("REVIEW_DUE");
    await runReminders(at("2027-02-09T06:00:00Z"));
    await runReminders(at("2027-02-10T06:00:00Z"));
    expect((await kindsOf(w.reviewer1.userId)).filter((k) => k === "REVIEW_DUE")).toHaveLength(1);
    expect(assignment.reviewerId).not.toBe(w.reviewer2.userId);
    expect(await kindsOf(w.reviewer2.userId)).not.toContain("REVIEW_DUE");
  });
});

describe("the job worker", () => {
  it("picks up a new notification from the database and e-mails it once", async () => {
    const mailbox = mkdtempSync(path.join(tmpdir(), "most-worker-"));
    process.env.MAILBOX_DIR = mailbox;
    const w = await staffWorld();
    const n = await db.notification.create({ data: { userId: w.member.id, kind: "APPLICATION_STATUS_CHANGED", link: `/my/applications/${w.app.id}`, params: { reference: "X", status: "ELIGIBLE" } } });
    // Earlier tests in this file left notifications behind; this one is about the new row.
    await db.notification.updateMany({ where: { id: { not: n.id } }, data: { emailState: "SKIPPED" } });
    const worker = await startWorker(process.env.DATABASE_URL!, { sweepMs: 200 });
    try {
      for (let i = 0; i < 100; i++) {
        const state = (await db.notification.findUniqueOrThrow({ where: { id: n.id } })).emailState;
        if (state === "SENT") break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await worker.stop();
    }
    expect((await db.notification.findUniqueOrThrow({ where: { id: n.id } })).emailState).toBe("SENT");
    // One file per delivery: a second send of the same message would be a second file.
    const files = readdirSync(mailbox);
    expect(files.filter((f) => f.endsWith(`-${newMessageId(n.id).slice(1, -1)}.eml`))).toHaveLength(1);
    expect(files).toHaveLength(1);
  });
});
