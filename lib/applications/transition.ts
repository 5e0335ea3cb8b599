// Applies one workflow transition inside a transaction: state check, who may take it,
// optimistic version bump, audit event. Illegal transitions are refused.
import "server-only";
import type { Application, ApplicationStatus, CallKind } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import type { Tx } from "../db";
import { AppError } from "../errors";
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
  return to;
}
