// Who may take a workflow transition now: pure, so the whole matrix is unit-tested.
import type { ApplicationStatus, CallKind, MemberRole, StaffRoleKind } from "@prisma/client";
import { canAtFunder } from "../auth/permissions";
import { findTransition, type TransitionName } from "./workflow";

export type PolicyActor = {
  staffRoles: ReadonlyArray<{ funderId: string; role: StaffRoleKind }>;
  memberships: ReadonlyArray<{ organisationId: string; role?: MemberRole }>;
};

export type PolicyContext = {
  application: { status: ApplicationStatus; organisationId: string };
  callKind: CallKind;
  funderId: string;
};

export function canTake(actor: PolicyActor, name: TransitionName, ctx: PolicyContext): boolean {
  const def = findTransition(name, ctx.application.status, ctx.callKind);
  if (!def) return false;
  if (def.by.kind === "member") return actor.memberships.some((m) => m.organisationId === ctx.application.organisationId);
  return canAtFunder({ isPlatformAdmin: false, staffRoles: actor.staffRoles, memberships: actor.memberships }, def.by.permission, ctx.funderId);
}
