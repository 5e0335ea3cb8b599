// Reports after award: the grantee submits narrative and financial reports (spending per
// approved budget line, with files); an officer accepts them or asks for changes.
import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { canAtFunder, funderIdsWith, roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { acceptUpload, createAttachment, discardUploads } from "../applications/attachments";
import { NAMED, withFileNames } from "../files/attachment-meta";
import { zAmount, zId, zOptionalText, zRequiredText } from "../validation";
import { lockGrantForStaff } from "../grants/access";
import { ownMembership } from "../organisations/policy";

export const ZSubmitReport = z.object({
  reportId: zId,
  narrative: zRequiredText(30000),
  spent: z.array(zAmount).max(100).default([]),
  files: z.array(z.instanceof(File)).max(5, "errors.file.tooMany").default([]),
});
export type TSubmitReport = z.output<typeof ZSubmitReport>;

export const ZReviewReport = z.object({ reportId: zId, decision: z.enum(["accept", "changes"]), note: zOptionalText(3000) });

export async function submitReport(actor: Actor, input: TSubmitReport) {
  const uploads: Awaited<ReturnType<typeof acceptUpload>>[] = [];
  try {
    for (const f of input.files.filter((x) => x.size > 0)) uploads.push(await acceptUpload(f));
    return await db.$transaction(async (tx) => {
      const report = await tx.report.findFirst({
        where: { id: input.reportId, grant: { organisation: { memberships: { some: ownMembership(actor) } } } },
        include: { grant: { include: { budgets: { where: { status: "CONFIRMED" }, orderBy: { version: "desc" }, take: 1, include: { lines: { orderBy: { position: "asc" } } } } } } },
      });
      if (!report) throw new AppError("notFound");
      if (report.status !== "DUE" && report.status !== "CHANGES_REQUESTED") throw new AppError("invalidTransition");
      const lines = report.grant.budgets[0]?.lines ?? [];
      if (input.spent.length !== lines.length) throw new AppError("validation", { spent: "errors.report.spentLines" });
      const financial = lines.map((l, i) => ({
        category: l.category,
        description: l.description,
        approved: l.amount.toFixed(2),
        spent: new Prisma.Decimal(input.spent[i]!).toFixed(2),
      }));
      await tx.report.update({
        where: { id: report.id },
        data: { narrative: input.narrative, financial, status: "SUBMITTED", submittedById: actor.userId, submittedAt: new Date() },
      });
      for (const stored of uploads) {
        await createAttachment(tx, actor, { organisationId: report.grant.organisationId, reportId: report.id, funderId: report.grant.funderId }, stored);
      }
      await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
        action: "report.submitted", entityType: "Report", entityId: report.id, funderId: report.grant.funderId, organisationId: report.grant.organisationId,
        after: { kind: report.kind, spentTotal: financial.reduce((a, l) => a.plus(l.spent), new Prisma.Decimal(0)) },
      });
    });
  } catch (e) {
    await discardUploads(uploads);
    throw e;
  }
}

export async function reviewReport(actor: Actor, reportId: string, accept: boolean, note?: string) {
  return db.$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId } });
    if (!report) throw new AppError("notFound");
    const grant = await lockGrantForStaff(tx, actor, report.grantId, "reports.review");
    if (report.status !== "SUBMITTED") throw new AppError("invalidTransition");
    if (!accept && !note) throw new AppError("validation", { note: "errors.field.required" });
    await tx.report.update({ where: { id: reportId }, data: { status: accept ? "ACCEPTED" : "CHANGES_REQUESTED", reviewedById: actor.userId, reviewedAt: new Date(), reviewNote: note } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "reports.review", grant.funderId) }, {
      action: accept ? "report.accepted" : "report.changesRequested", entityType: "Report", entityId: reportId,
      funderId: grant.funderId, organisationId: grant.organisationId, after: { kind: report.kind },
    });
  });
}

export async function getReportForMember(actor: Actor, reportId: string) {
  const report = await db.report.findFirst({
    where: { id: reportId, grant: { organisation: { memberships: { some: ownMembership(actor) } } } },
    include: {
      attachments: { select: NAMED },
      grant: { select: { id: true, number: true, currency: true, budgets: { where: { status: "CONFIRMED" }, orderBy: { version: "desc" }, take: 1, include: { lines: { orderBy: { position: "asc" } } } } } },
    },
  });
  if (!report) return null;
  return {
    id: report.id,
    kind: report.kind,
    status: report.status,
    dueDate: report.dueDate,
    narrative: report.narrative,
    financial: report.financial as Array<{ category: string; description: string; approved: string; spent: string }> | null,
    reviewNote: report.status === "CHANGES_REQUESTED" ? report.reviewNote : null,
    attachments: await withFileNames(db, report.attachments),
    grant: { id: report.grant.id, number: report.grant.number, currency: report.grant.currency },
    budget: report.grant.budgets[0]?.lines.map((l) => ({ category: l.category, description: l.description, amount: l.amount.toFixed(2) })) ?? [],
  };
}

export async function getReportForStaff(actor: Actor, reportId: string) {
  const report = await db.report.findUnique({
    where: { id: reportId },
    include: { attachments: { select: NAMED }, grant: { select: { id: true, number: true, currency: true, funderId: true, organisation: { select: { isProtected: true } }, application: { select: { leadOfficerId: true } } } } },
  });
  if (!report || !funderIdsWith(actor, "grants.view").includes(report.grant.funderId)) return null;
  // A protected organisation's files may name it: listed to its lead officer only (as downloads).
  const filesVisible = !report.grant.organisation.isProtected || report.grant.application.leadOfficerId === actor.userId;
  return {
    id: report.id,
    kind: report.kind,
    status: report.status,
    dueDate: report.dueDate,
    narrative: report.narrative,
    financial: report.financial as Array<{ category: string; description: string; approved: string; spent: string }> | null,
    reviewNote: report.reviewNote,
    attachments: filesVisible ? await withFileNames(db, report.attachments) : null,
    grant: { id: report.grant.id, number: report.grant.number, currency: report.grant.currency },
    canReview: report.status === "SUBMITTED" && canAtFunder(actor, "reports.review", report.grant.funderId),
  };
}
