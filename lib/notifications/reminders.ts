// Daily reminders, run by the worker with the clock passed in (tests pass their own).
// Each reminder has a key, so running the sweep twice on one day, or after a restart,
// writes nothing new.
import "server-only";
import { db } from "../db";
import { funderStaff, notify, organisationMembers } from "./notify";

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** Midnight UTC of the day `now` falls on. */
const startOfDay = (now: Date) => new Date(`${day(now)}T00:00:00Z`);

export type ReminderCounts = { reportsDue: number; reportsOverdue: number; reviewsDue: number; paymentApprovals: number; emergencies: number };

export async function runReminders(now = new Date()): Promise<ReminderCounts> {
  const today = startOfDay(now);
  const counts: ReminderCounts = { reportsDue: 0, reportsOverdue: 0, reviewsDue: 0, paymentApprovals: 0, emergencies: 0 };

  // Reports due within 14 days, again within 3 days, and once when overdue.
  const reports = await db.report.findMany({
    where: { status: { in: ["DUE", "CHANGES_REQUESTED"] }, dueDate: { lte: new Date(today.getTime() + 14 * DAY) }, grant: { status: "ACTIVE" } },
    include: { grant: { select: { id: true, number: true, organisationId: true } } },
  });
  for (const r of reports) {
    const daysLeft = Math.round((r.dueDate.getTime() - today.getTime()) / DAY);
    const stage = daysLeft < 0 ? "overdue" : daysLeft <= 3 ? "due-3" : "due-14";
    await db.$transaction(async (tx) => {
      const written = await notify(tx, await organisationMembers(tx, r.grant.organisationId), {
        kind: stage === "overdue" ? "REPORT_OVERDUE" : "REPORT_DUE",
        link: `/my/grants/${r.grant.id}`,
        params: { grant: r.grant.number, date: day(r.dueDate) },
        dedupeKey: `report:${r.id}:${stage}`,
      });
      if (stage === "overdue") counts.reportsOverdue += written;
      else counts.reportsDue += written;
    });
  }

  // Reviews due within 2 days or late: the reviewer.
  const reviews = await db.reviewAssignment.findMany({
    where: { status: { in: ["PENDING", "ACCEPTED"] }, dueAt: { lte: new Date(now.getTime() + 2 * DAY) } },
    include: { application: { select: { reference: true } } },
  });
  for (const a of reviews) {
    counts.reviewsDue += await db.$transaction((tx) =>
      notify(tx, [a.reviewerId], { kind: "REVIEW_DUE", link: "/staff/reviews", params: { reference: a.application.reference, date: day(a.dueAt!) }, dedupeKey: `review:${a.id}:${a.dueAt!.toISOString()}` }),
    );
  }

  // Payment approvals waiting more than 2 days: the funder's approvers, not the requester.
  const tranches = await db.tranche.findMany({
    where: { status: "REQUESTED", requestedAt: { lt: new Date(now.getTime() - 2 * DAY) } },
    include: { grant: { select: { id: true, number: true, funderId: true } } },
  });
  for (const t of tranches) {
    counts.paymentApprovals += await db.$transaction(async (tx) =>
      notify(tx, await funderStaff(tx, t.grant.funderId, ["APPROVER"], t.requestedById ? [t.requestedById] : []), {
        kind: "PAYMENT_APPROVAL_WAITING",
        link: `/staff/grants/${t.grant.id}`,
        params: { grant: t.grant.number, tranche: t.sequence },
        dedupeKey: `tranche:${t.id}:${t.requestedAt!.toISOString()}`,
      }),
    );
  }

  // Emergency applications older than 48 hours without a decision: that funder's officers.
  const emergencies = await db.application.findMany({
    where: {
      call: { kind: "EMERGENCY" },
      submittedAt: { lt: new Date(now.getTime() - 48 * 3_600_000) },
      status: { in: ["SUBMITTED", "CLARIFICATION_REQUESTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED", "RECOMMENDED"] },
    },
    select: { id: true, reference: true, funderId: true },
  });
  for (const a of emergencies) {
    counts.emergencies += await db.$transaction(async (tx) =>
      notify(tx, await funderStaff(tx, a.funderId, ["OFFICER"]), {
        kind: "EMERGENCY_WAITING",
        link: `/staff/applications/${a.id}`,
        params: { reference: a.reference },
        dedupeKey: `emergency:${a.id}`,
      }),
    );
  }
  return counts;
}
