// Decisions with four eyes: an officer recommends, a different approver confirms or
// returns. Approval commits the amount against the call's envelope and creates the
// grant in the same transaction; the call row is locked, so two approvals at the same
// moment can never over-commit it (and a database check backs this up).
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, roleGranting } from "../auth/permissions";
import { assertSanctionsClear, screenOrganisation } from "../sanctions/screen";
import { db, Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { loadForStaff, transitionContext } from "../applications/access";
import { transition } from "../applications/transition";
import { createGrantForApproval } from "../grants/create";
import type { TRecommend } from "./schemas";

export async function recommendDecision(actor: Actor, input: TRecommend) {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, input.applicationId, "decisions.recommend");
    if (input.kind === "APPROVE" && app.requestedAmount && new Prisma.Decimal(input.amount!).greaterThan(app.requestedAmount)) {
      throw new AppError("validation", { amount: "errors.decision.aboveRequest" });
    }
    await transition(tx, actor, "recommend", transitionContext(app), { audit: { kind: input.kind, amount: input.amount ?? null } });
    const decision = await tx.decision.create({
      data: {
        applicationId: app.id,
        kind: input.kind,
        amount: input.kind === "APPROVE" ? input.amount : null,
        currency: app.currency,
        reasonsForApplicant: input.reasonsForApplicant,
        internalNotes: input.internalNotes,
        recommendedById: actor.userId,
      },
    });
    return decision.id;
  });
}

async function loadPending(tx: Tx, actor: Actor, decisionId: string) {
  // Locked before its state is read: of several approvers pressing at once, one goes on and
  // the others, once it has committed, read the decided state and hear it is already done.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Decision" WHERE id = ${decisionId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new AppError("notFound");
  const decision = await tx.decision.findUniqueOrThrow({ where: { id: decisionId } });
  const app = await loadForStaff(tx, actor, decision.applicationId, "decisions.confirm");
  if (decision.status !== "PENDING") throw new AppError("alreadyDone");
  if (decision.recommendedById === actor.userId) throw new AppError("fourEyes");
  return { decision, app };
}

export async function confirmDecision(actor: Actor, decisionId: string, now = new Date()) {
  await screenBeforeApproval(actor, decisionId);
  return db.$transaction(async (tx) => {
    const { decision, app } = await loadPending(tx, actor, decisionId);
    let grantId: string | null = null;
    if (decision.kind === "APPROVE") {
      await assertSanctionsClear(tx, app.organisationId, app.funderId);
      const [call] = await tx.$queryRaw<{ envelope: Prisma.Decimal; committed: Prisma.Decimal }[]>`
        SELECT envelope, committed FROM "Call" WHERE id = ${app.callId}::uuid FOR UPDATE`;
      const committed = new Prisma.Decimal(call!.committed).plus(decision.amount!);
      if (committed.greaterThan(call!.envelope)) {
        throw new AppError("envelopeExceeded", undefined, { available: new Prisma.Decimal(call!.envelope).minus(call!.committed).toFixed(2) });
      }
      await tx.call.update({ where: { id: app.callId }, data: { committed } });
      const funder = await tx.funder.findUniqueOrThrow({ where: { id: app.funderId }, select: { code: true } });
      const grant = await createGrantForApproval(tx, {
        application: app,
        decision,
        programmeId: app.call.programmeId,
        funderCode: funder.code,
        approverId: actor.userId,
        approverRole: roleGranting(actor, "decisions.confirm", app.funderId),
        now,
      });
      grantId = grant.id;
    }
    await tx.decision.update({ where: { id: decision.id }, data: { status: "CONFIRMED", confirmedById: actor.userId, confirmedAt: now } });
    await transition(tx, actor, decision.kind === "APPROVE" ? "approve" : "reject", transitionContext(app), {
      data: { decidedAt: now },
      audit: { decisionId: decision.id, amount: decision.amount, grantId },
    });
    return { grantId };
  });
}

/** An award is screened first, in its own transaction, so a new match is kept when it blocks. */
async function screenBeforeApproval(actor: Actor, decisionId: string) {
  const d = await db.decision.findUnique({ where: { id: decisionId }, select: { kind: true, status: true, recommendedById: true, application: { select: { organisationId: true, funderId: true } } } });
  // Only for a confirmation the actor may make now: a refused call writes nothing.
  if (d?.kind === "APPROVE" && d.status === "PENDING" && d.recommendedById !== actor.userId && canAtFunder(actor, "decisions.confirm", d.application.funderId)) {
    await screenOrganisation(d.application.organisationId, "DECISION");
  }
}

export async function returnDecision(actor: Actor, decisionId: string, note: string) {
  return db.$transaction(async (tx) => {
    const { decision, app } = await loadPending(tx, actor, decisionId);
    await tx.decision.update({ where: { id: decision.id }, data: { status: "RETURNED", returnNote: note, confirmedById: actor.userId, confirmedAt: new Date() } });
    await transition(tx, actor, "returnRecommendation", transitionContext(app), { audit: { decisionId: decision.id } });
  });
}

/** Recommendations waiting for an approver (never the actor's own). */
export async function listPendingDecisions(actor: Actor) {
  const funderIds = actor.staffRoles.filter((r) => r.role === "APPROVER").map((r) => r.funderId);
  const rows = await db.decision.findMany({
    where: { status: "PENDING", application: { funderId: { in: funderIds } } },
    orderBy: { recommendedAt: "asc" },
    include: { application: { select: { id: true, reference: true, title: true, currency: true, requestedAmount: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    kind: d.kind,
    amount: d.amount?.toFixed(2) ?? null,
    recommendedAt: d.recommendedAt,
    own: d.recommendedById === actor.userId,
    application: { ...d.application, requestedAmount: d.application.requestedAmount?.toFixed(2) ?? null },
  }));
}
