// Applies one workflow transition inside a transaction: state check, who may take it,
// optimistic version bump, audit event. Illegal transitions are refused.
import "server-only";
import type { Application, ApplicationStatus, CallKind } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { funderStaff, notify, organisationMembers } from "../notifications/notify";
import { canTake } from "./transition-policy";
import { findTransition, type TransitionName } from "./workflow";

export type TransitionContext = {
  application: Pick<Application, "id" | "status" | "version" | "organisationId" | "statusBeforeClarification">;
  callKind: CallKind;
  funderId: string;
};

export { canTake };

export async function transition(
  tx: Tx,
  actor: Actor,
  name: TransitionName,
  ctx: TransitionContext,
  extra: { data?: Record<string, unknown>; audit?: Record<string, unknown> } = {},
): Promise<ApplicationStatus> {
  const def = findTransition(name, ctx.application.status, ctx.callKind);
  if (!def) throw new AppError("invalidTransition");
  if (!canTake(actor, name, ctx)) throw new AppError("forbidden");
  const to: ApplicationStatus =
    def.to === "back" ? (ctx.application.statusBeforeClarification ?? "SUBMITTED") : def.to;
  const updated = await tx.application.updateMany({
    where: { id: ctx.application.id, version: ctx.application.version, status: ctx.application.status },
    data: {
      status: to,
      version: { increment: 1 },
      statusBeforeClarification: name === "requestClarification" ? ctx.application.status : name === "answerClarification" ? null : undefined,
      ...extra.data,
    },
  });
  if (updated.count !== 1) throw new AppError("staleVersion");
  const role = def.by.kind === "member" ? "APPLICANT" : roleGranting(actor, def.by.permission, ctx.funderId);
  await writeAudit(tx, { userId: actor.userId, role }, {
    action: def.action,
    entityType: "Application",
    entityId: ctx.application.id,
    funderId: ctx.funderId,
    organisationId: ctx.application.organisationId,
    before: { status: ctx.application.status },
    after: { status: to, ...extra.audit },
  });
  await notifyTransition(tx, actor, name, ctx, to, def.by.kind === "member");
  return to;
}

/** Who hears about a status change: the applicant's members for staff moves, approvers for a recommendation. */
async function notifyTransition(tx: Tx, actor: Actor, name: TransitionName, ctx: TransitionContext, to: ApplicationStatus, byMember: boolean) {
  const id = ctx.application.id;
  const { reference } = await tx.application.findUniqueOrThrow({ where: { id }, select: { reference: true } });
  if (!byMember) {
    const members = await organisationMembers(tx, ctx.application.organisationId);
    await notify(tx, members, {
      kind: name === "requestClarification" ? "CLARIFICATION_REQUESTED" : "APPLICATION_STATUS_CHANGED",
      link: `/my/applications/${id}`,
      params: { reference: reference ?? "", status: to },
    });
  }
  if (name === "answerClarification") {
    // The lead officer if there is one, otherwise the funder's officers.
    const { leadOfficerId } = await tx.application.findUniqueOrThrow({ where: { id }, select: { leadOfficerId: true } });
    const officers = leadOfficerId ? [leadOfficerId] : await funderStaff(tx, ctx.funderId, ["OFFICER"]);
    await notify(tx, officers, { kind: "CLARIFICATION_ANSWERED", link: `/staff/applications/${id}`, params: { reference: reference ?? "" } });
  }
  if (to === "RECOMMENDED") {
    const approvers = await funderStaff(tx, ctx.funderId, ["APPROVER"], [actor.userId]);
    await notify(tx, approvers, { kind: "DECISION_AWAITING_APPROVAL", link: `/staff/applications/${id}`, params: { reference: reference ?? "" } });
  }
}
