// Reviewer assignment, conflict-of-interest declarations and scoring.
import { notify } from "../notifications/notify";
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma, type Tx } from "../db";
import { openPeople } from "../users/personal-data";
import { AppError } from "../errors";
import { loadForStaff, transitionContext } from "../applications/access";
import { transition } from "../applications/transition";
import type { TSubmitReview } from "./schemas";

export const MIN_REVIEWERS = 2;
const ACTIVE = ["PENDING", "ACCEPTED", "SUBMITTED"] as const;

/** People who may review at a funder: reviewers, and officers acting as reviewers. */
export async function listReviewerCandidates(actor: Actor, applicationId: string) {
  const app = await db.$transaction((tx) => loadForStaff(tx, actor, applicationId, "reviews.assign"));
  const assigned = await db.reviewAssignment.findMany({ where: { applicationId }, select: { reviewerId: true } });
  const users = await db.user.findMany({
    where: {
      disabledAt: null,
      staffRoles: { some: { funderId: app.funderId, role: { in: ["REVIEWER", "OFFICER"] } } },
      id: { notIn: assigned.map((a) => a.reviewerId) },
    },
    select: { id: true },
  });
  const people = await openPeople(users.map((u) => u.id));
  return users.map((u) => ({ id: u.id, name: people.get(u.id)?.name ?? "—" })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function assignReviewer(actor: Actor, applicationId: string, reviewerId: string) {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, applicationId, "reviews.assign");
    if (app.call.kind !== "REGULAR" || !["ELIGIBLE", "IN_REVIEW"].includes(app.status)) throw new AppError("invalidTransition");
    const reviewer = await tx.user.findFirst({
      where: { id: reviewerId, disabledAt: null, staffRoles: { some: { funderId: app.funderId, role: { in: ["REVIEWER", "OFFICER"] } } } },
    });
    if (!reviewer) throw new AppError("validation", { reviewerId: "errors.review.notReviewer" });
    const existing = await tx.reviewAssignment.findUnique({ where: { applicationId_reviewerId: { applicationId, reviewerId } } });
    if (existing) throw new AppError("duplicate", { reviewerId: "errors.review.alreadyAssigned" });
    const assignment = await tx.reviewAssignment.create({ data: { applicationId, reviewerId, assignedById: actor.userId } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "reviews.assign", app.funderId) }, {
      action: "review.assigned",
      entityType: "ReviewAssignment",
      entityId: assignment.id,
      funderId: app.funderId,
      organisationId: app.organisationId,
      after: { applicationId, reviewerId },
    });
    await notify(tx, [reviewerId], { kind: "REVIEW_ASSIGNED", link: "/staff/reviews", params: { reference: app.reference ?? "" } });
    const active = await tx.reviewAssignment.count({ where: { applicationId, status: { in: [...ACTIVE] } } });
    if (app.status === "ELIGIBLE" && active >= MIN_REVIEWERS) {
      await transition(tx, actor, "startReview", transitionContext(app), { audit: { reviewers: active } });
    }
    return assignment.id;
  });
}

async function ownAssignment(tx: Tx, actor: Actor, assignmentId: string) {
  const assignment = await tx.reviewAssignment.findUnique({
    where: { id: assignmentId },
    include: { application: { select: { id: true, funderId: true, organisationId: true, status: true } } },
  });
  if (!assignment || assignment.reviewerId !== actor.userId || !canAtFunder(actor, "reviews.perform", assignment.application.funderId)) {
    throw new AppError("notFound");
  }
  return assignment;
}

/** Before seeing the application, the reviewer declares no conflict or one (which ends the assignment). */
export async function declareInterest(actor: Actor, assignmentId: string, conflict: boolean, note?: string) {
  return db.$transaction(async (tx) => {
    const a = await ownAssignment(tx, actor, assignmentId);
    if (a.status !== "PENDING") throw new AppError("invalidTransition");
    await tx.reviewAssignment.update({
      where: { id: a.id },
      data: { status: conflict ? "CONFLICT" : "ACCEPTED", coiDeclaredAt: new Date(), conflictNote: conflict ? note : null },
    });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "reviews.perform", a.application.funderId) }, {
      action: conflict ? "review.conflictDeclared" : "review.noConflictDeclared",
      entityType: "ReviewAssignment",
      entityId: a.id,
      funderId: a.application.funderId,
      organisationId: a.application.organisationId,
      after: { applicationId: a.applicationId, conflict },
    });
  });
}

/** Weighted average of 0–5 scores, to three decimals. */
export function weightedScore(scores: Array<{ score: number; weight: Prisma.Decimal | string }>): Prisma.Decimal {
  const total = scores.reduce((acc, s) => acc.plus(new Prisma.Decimal(s.weight).mul(s.score)), new Prisma.Decimal(0));
  const weights = scores.reduce((acc, s) => acc.plus(s.weight), new Prisma.Decimal(0));
  return total.div(weights).toDecimalPlaces(3, Prisma.Decimal.ROUND_HALF_UP);
}

export async function submitReview(actor: Actor, input: TSubmitReview) {
  return db.$transaction(async (tx) => {
    const a = await ownAssignment(tx, actor, input.assignmentId);
    if (a.status !== "ACCEPTED") throw new AppError("invalidTransition");
    // The application row is locked: the last two reviewers finishing at once still
    // complete the review exactly once.
    await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${a.applicationId}::uuid FOR UPDATE`;
    const app = await loadForStaff(tx, actor, a.applicationId, "reviews.perform");
    if (app.status !== "IN_REVIEW") throw new AppError("invalidTransition");
    const criteria = await tx.scoringCriterion.findMany({ where: { callId: app.callId }, orderBy: { position: "asc" } });
    const missing = criteria.filter((c) => !input.scores[c.id]);
    if (missing.length > 0 || Object.keys(input.scores).some((id) => !criteria.find((c) => c.id === id))) {
      throw new AppError("validation", Object.fromEntries(missing.map((c) => [`scores.${c.id}.score`, "errors.field.score"])));
    }
    const score = weightedScore(criteria.map((c) => ({ score: input.scores[c.id]!.score, weight: c.weight })));
    const review = await tx.review.create({
      data: {
        assignmentId: a.id,
        recommendation: input.recommendation,
        comment: input.comment,
        weightedScore: score,
        scores: { create: criteria.map((c) => ({ criterionId: c.id, score: input.scores[c.id]!.score, comment: input.scores[c.id]!.comment })) },
      },
    });
    await tx.reviewAssignment.update({ where: { id: a.id }, data: { status: "SUBMITTED" } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "reviews.perform", app.funderId) }, {
      action: "review.submitted",
      entityType: "Review",
      entityId: review.id,
      funderId: app.funderId,
      organisationId: app.organisationId,
      after: { applicationId: app.id, weightedScore: score, recommendation: input.recommendation },
    });
    const assignments = await tx.reviewAssignment.findMany({ where: { applicationId: app.id, status: { in: [...ACTIVE] } }, include: { review: true } });
    const done = assignments.filter((x) => x.review);
    if (done.length === assignments.length && done.length >= MIN_REVIEWERS) {
      const values = done.map((x) => x.review!.weightedScore);
      const avg = values.reduce((acc, v) => acc.plus(v), new Prisma.Decimal(0)).div(values.length).toDecimalPlaces(3, Prisma.Decimal.ROUND_HALF_UP);
      const spread = Prisma.Decimal.max(...values).minus(Prisma.Decimal.min(...values));
      const fresh = await tx.application.findUniqueOrThrow({ where: { id: app.id }, include: { call: { include: { programme: { select: { funderId: true } } } } } });
      await transition(tx, actor, "completeReview", transitionContext(fresh), {
        data: { scoreAvg: avg, scoreSpread: spread },
        audit: { scoreAvg: avg, scoreSpread: spread, reviews: done.length },
      });
    }
    return review.id;
  });
}
