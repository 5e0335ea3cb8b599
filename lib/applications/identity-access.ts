// Who may see an applicant's legal identity. Members of the organisation always; staff
// only through an application's lead officer, and for a protected organisation each
// viewing is an audit event. Reviewers never.
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { openIdentity, type OrganisationIdentity } from "../organisations/identity";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { loadForStaff } from "./access";

export async function assignLeadOfficer(actor: Actor, applicationId: string, officerId: string) {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, applicationId, "applications.screen");
    const officer = await tx.user.findFirst({ where: { id: officerId, disabledAt: null, staffRoles: { some: { funderId: app.funderId, role: "OFFICER" } } } });
    if (!officer) throw new AppError("validation", { officerId: "errors.field.invalid" });
    await tx.application.update({ where: { id: app.id }, data: { leadOfficerId: officerId } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "applications.screen", app.funderId) }, {
      action: "application.leadOfficerAssigned",
      entityType: "Application",
      entityId: app.id,
      funderId: app.funderId,
      organisationId: app.organisationId,
      before: { leadOfficerId: app.leadOfficerId },
      after: { leadOfficerId: officerId },
    });
  });
}

export type IdentityView =
  | { visible: true; identity: OrganisationIdentity | null; audited: boolean }
  | { visible: false; reason: "protected" | "notAllowed" };

/** Staff opening an applicant's identity on an application page. */
export async function viewApplicantIdentity(actor: Actor, applicationId: string): Promise<IdentityView> {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, applicationId, "applications.view");
    const org = await tx.organisation.findUniqueOrThrow({ where: { id: app.organisationId }, include: { key: true } });
    if (!canAtFunder(actor, "applications.view", app.funderId)) return { visible: false, reason: "notAllowed" };
    if (!org.isProtected) return { visible: true, identity: openIdentity(org, org.key), audited: false };
    if (app.leadOfficerId !== actor.userId) return { visible: false, reason: "protected" };
    requireRecentSecondFactor(actor);
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "applications.view", app.funderId) }, {
      action: "identity.viewed",
      entityType: "Organisation",
      entityId: org.id,
      funderId: app.funderId,
      organisationId: org.id,
      after: { applicationId: app.id },
    });
    return { visible: true, identity: openIdentity(org, org.key), audited: true };
  });
}
