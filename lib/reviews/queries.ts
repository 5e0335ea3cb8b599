// What a reviewer sees: their assignments, and an application only after declaring no
// conflict of interest. Never the applicant's legal identity, nor (before their own
// review is in) anyone else's scores.
import "server-only";
import { NAMED, withFileNames } from "../files/attachment-meta";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";
import { draftContentOf } from "../applications/commands";

export async function listMyAssignments(actor: Actor, locale: Locale) {
  const rows = await db.reviewAssignment.findMany({
    where: { reviewerId: actor.userId, application: { funderId: { in: actor.staffRoles.map((r) => r.funderId) } } },
    orderBy: { createdAt: "desc" },
    include: { application: { select: { reference: true, status: true, call: { select: { title: true } }, organisation: { select: { codename: true, publicName: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    reference: r.application.reference,
    callTitle: pickText(r.application.call.title, locale),
    applicant: r.application.organisation.publicName ?? r.application.organisation.codename,
    assignedAt: r.createdAt,
  }));
}

export async function getAssignmentForReviewer(actor: Actor, assignmentId: string, locale: Locale) {
  const a = await db.reviewAssignment.findUnique({
    where: { id: assignmentId },
    include: {
      review: { include: { scores: true } },
      application: {
        include: {
          call: { include: { scoringCriteria: { orderBy: { position: "asc" } } } },
          organisation: { select: { codename: true, publicName: true, isProtected: true, operatingStatus: true, operatingCountry: true, sectors: true } },
          budgetLines: { orderBy: { position: "asc" } },
          attachments: { where: { messageId: null }, select: NAMED },
        },
      },
    },
  });
  if (!a || a.reviewerId !== actor.userId) return null;
  const app = a.application;
  const org = app.organisation;
  const base = {
    id: a.id,
    status: a.status,
    reference: app.reference,
    callTitle: pickText(app.call.title, locale),
    applicant: {
      label: org.isProtected ? org.codename : (org.publicName ?? org.codename),
      isProtected: org.isProtected,
      operatingStatus: org.operatingStatus,
      country: org.operatingCountry,
      sectors: org.sectors,
    },
  };
  if (a.status === "PENDING" || a.status === "CONFLICT") return { ...base, details: null };
  const others =
    a.status === "SUBMITTED"
      ? await db.review.findMany({ where: { assignment: { applicationId: app.id, id: { not: a.id } } }, select: { weightedScore: true, recommendation: true } })
      : [];
  return {
    ...base,
    details: {
      title: app.title,
      currency: app.currency,
      content: draftContentOf(app, app.budgetLines),
      attachments: org.isProtected ? null : await withFileNames(db, app.attachments),
      criteria: app.call.scoringCriteria.map((c) => ({ id: c.id, label: pickText(c.label, locale), weight: c.weight.toFixed(0) })),
      review: a.review
        ? { recommendation: a.review.recommendation, comment: a.review.comment, weightedScore: a.review.weightedScore.toFixed(2), scores: a.review.scores }
        : null,
      otherReviews: others.map((o) => ({ weightedScore: o.weightedScore.toFixed(2), recommendation: o.recommendation })),
    },
  };
}
