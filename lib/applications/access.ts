import "server-only";
import type { Actor } from "../auth/actor";
import { funderIdsWith, type FunderPermission } from "../auth/permissions";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { ownMembership } from "../organisations/policy";

/**
 * Loads an application for a member of the applying organisation. For anyone else the
 * answer is not-found, exactly as for an id that does not exist.
 */
export async function loadForMember(tx: Tx, actor: Actor, applicationId: string) {
  const app = await tx.application.findFirst({
    where: { id: applicationId, organisation: { memberships: { some: ownMembership(actor) } } },
    include: { call: { include: { programme: { select: { funderId: true } } } } },
  });
  if (!app) throw new AppError("notFound");
  return app;
}

export type LoadedApplication = Awaited<ReturnType<typeof loadForMember>>;

export const transitionContext = (app: LoadedApplication) => ({
  application: app,
  callKind: app.call.kind,
  funderId: app.call.programme.funderId,
});

/**
 * Loads an application for staff holding `permission` at its funder; others get not-found.
 * Drafts are never visible to staff.
 */
export async function loadForStaff(tx: Tx, actor: Actor, applicationId: string, permission: FunderPermission) {
  const funderIds = funderIdsWith(actor, permission);
  const app = await tx.application.findFirst({
    where: { id: applicationId, status: { not: "DRAFT" }, call: { programme: { funderId: { in: funderIds } } } },
    include: { call: { include: { programme: { select: { funderId: true } } } } },
  });
  if (!app) throw new AppError("notFound");
  return app;
}
