// An application as programme staff see it: content, screening, reviews, decisions,
// the whole thread including internal notes, and what the actor may do next.
import "server-only";
import { NAMED, fileNames, namedWith } from "../files/attachment-meta";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { db } from "../db";
import { peopleOnStaffPage } from "../users/display";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";
import { checkBudget } from "./budget-rules";
import { draftContentOf } from "./commands";
import { canTake } from "./transition";

export const EMERGENCY_TARGET_HOURS = 72;

export async function getApplicationForStaff(actor: Actor, applicationId: string, locale: Locale, now = new Date()) {
  const funderIds = actor.staffRoles.map((r) => r.funderId);
  const app = await db.application.findFirst({
    where: { id: applicationId, status: { not: "DRAFT" }, funderId: { in: funderIds } },
    include: {
      call: { include: { eligibilityCriteria: { orderBy: { position: "asc" } }, scoringCriteria: { orderBy: { position: "asc" } } } },
      organisation: { select: { id: true, codename: true, publicName: true, isProtected: true, operatingStatus: true, operatingCountry: true, sectors: true } },
      budgetLines: { orderBy: { position: "asc" } },
      attachments: { where: { messageId: null }, orderBy: { createdAt: "asc" }, select: { ...NAMED, sizeBytes: true } },
      screening: true,
      reviewAssignments: { orderBy: { createdAt: "asc" }, include: { review: { include: { scores: true } } } },
      decisions: { orderBy: { recommendedAt: "desc" } },
      messages: { orderBy: { createdAt: "asc" }, include: { attachments: { select: NAMED } } },
    },
  });
  if (!app || !canAtFunder(actor, "applications.view", app.funderId)) return null;
  const people = new Set<string>([
    ...app.reviewAssignments.map((r) => r.reviewerId),
    ...app.decisions.flatMap((d) => [d.recommendedById, d.confirmedById].filter((x): x is string => Boolean(x))),
    ...app.messages.map((m) => m.authorId),
    ...(app.leadOfficerId ? [app.leadOfficerId] : []),
  ]);
  const [name, events] = await Promise.all([
    peopleOnStaffPage({ funderId: app.funderId, organisation: app.organisation, entitled: app.leadOfficerId === actor.userId }, people, locale),
    db.auditEvent.findMany({ where: { entityType: "Application", entityId: app.id }, orderBy: { id: "asc" }, select: { action: true, at: true, actorRole: true } }),
  ]);
  const content = draftContentOf(app, app.budgetLines);
  const rules = {
    minGrant: app.call.minGrant.toFixed(2),
    maxGrant: app.call.maxGrant.toFixed(2),
    cofinancingPct: app.call.cofinancingPct.toFixed(2),
    overheadLimitPct: app.call.overheadLimitPct.toFixed(2),
  };
  const ctx = { application: app, callKind: app.call.kind, funderId: app.funderId };
  const pending = app.decisions.find((d) => d.status === "PENDING");
  const isLead = app.leadOfficerId === actor.userId;
  const org = app.organisation;
  // A protected organisation's files may name it: only its lead officer sees and opens them.
  const filesVisible = !org.isProtected || isLead;
  const fileName = filesVisible ? await fileNames(db, [...app.attachments, ...app.messages.flatMap((m) => m.attachments)]) : new Map<string, string | null>();
  const criteriaLabel = new Map(app.call.scoringCriteria.map((c) => [c.id, pickText(c.label, locale)]));
  return {
    id: app.id,
    reference: app.reference,
    title: app.title,
    status: app.status,
    version: app.version,
    currency: app.currency,
    requestedAmount: app.requestedAmount?.toFixed(2) ?? null,
    submittedAt: app.submittedAt,
    content,
    budget: checkBudget({ requestedAmount: content.requestedAmount ?? null, cofinancingAmount: content.cofinancingAmount ?? null, lines: content.lines.map((l) => ({ category: l.category, amount: l.amount ?? null })) }, rules),
    call: { id: app.call.id, title: pickText(app.call.title, locale), kind: app.call.kind, reference: app.call.reference },
    emergency: app.call.kind === "EMERGENCY" && app.submittedAt
      ? { ageHours: Math.floor((now.getTime() - app.submittedAt.getTime()) / 3_600_000), targetHours: EMERGENCY_TARGET_HOURS }
      : null,
    organisation: {
      label: org.publicName ?? org.codename,
      codename: org.codename,
      isProtected: org.isProtected,
      operatingStatus: org.operatingStatus,
      country: org.operatingCountry,
      sectors: org.sectors,
    },
    leadOfficer: app.leadOfficerId ? { id: app.leadOfficerId, name: name(app.leadOfficerId) } : null,
    isLead,
    attachments: filesVisible ? namedWith(fileName, app.attachments) : null,
    eligibilityCriteria: app.call.eligibilityCriteria.map((c) => ({ id: c.id, label: pickText(c.label, locale) })),
    screening: app.screening
      ? {
          eligible: app.screening.eligible,
          reasons: app.screening.reasonsForApplicant,
          results: (app.screening.results as Array<{ criterionId: string; met: boolean; note: string }>),
        }
      : null,
    reviews: app.reviewAssignments.map((r) => ({
      id: r.id,
      reviewer: name(r.reviewerId),
      status: r.status,
      conflictNote: r.conflictNote,
      review: r.review
        ? {
            weightedScore: r.review.weightedScore.toFixed(2),
            recommendation: r.review.recommendation,
            comment: r.review.comment,
            scores: r.review.scores.map((s) => ({ criterion: criteriaLabel.get(s.criterionId) ?? "", score: s.score, comment: s.comment })),
          }
        : null,
    })),
    scoreAvg: app.scoreAvg?.toFixed(2) ?? null,
    scoreSpread: app.scoreSpread?.toFixed(2) ?? null,
    decisions: app.decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      amount: d.amount?.toFixed(2) ?? null,
      reasonsForApplicant: d.reasonsForApplicant,
      internalNotes: d.internalNotes,
      returnNote: d.returnNote,
      recommendedBy: name(d.recommendedById),
      recommendedAt: d.recommendedAt,
      confirmedBy: name(d.confirmedById),
      confirmedAt: d.confirmedAt,
    })),
    messages: app.messages.map((m) => ({ id: m.id, kind: m.kind, body: m.body, author: name(m.authorId), at: m.createdAt, parentId: m.parentId, attachments: namedWith(fileName, m.attachments) })),
    timeline: events,
    can: {
      takeLead: canAtFunder(actor, "applications.screen", app.funderId) && !isLead,
      screen: canTake(actor, "screenEligible", ctx),
      assignReviewers: app.call.kind === "REGULAR" && ["ELIGIBLE", "IN_REVIEW"].includes(app.status) && canAtFunder(actor, "reviews.assign", app.funderId),
      recommend: canTake(actor, "recommend", ctx) && !pending,
      confirm: Boolean(pending) && canTake(actor, "approve", ctx) && pending!.recommendedById !== actor.userId,
      ownPendingRecommendation: Boolean(pending) && pending!.recommendedById === actor.userId,
      ask: canTake(actor, "requestClarification", ctx) || (app.status === "CLARIFICATION_REQUESTED" && canAtFunder(actor, "clarifications.ask", app.funderId)),
      note: true,
    },
    pendingDecisionId: pending?.id ?? null,
  };
}

export type StaffApplicationView = NonNullable<Awaited<ReturnType<typeof getApplicationForStaff>>>;
