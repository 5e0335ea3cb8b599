// Emergency erase: when a grantee is in danger, an admin destroys the organisation's key
// share and wrapped data key. Its identity is then unrecoverable, also from database
// backups taken earlier; its codename, applications and ledger stay for the audit.
import "server-only";
import type { Actor } from "../auth/actor";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { canPlatform } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { destroyShare } from "../crypto/keystore";
import { db } from "../db";
import { AppError } from "../errors";
import { logError } from "../log";

export async function emergencyErase(actor: Actor, organisationId: string, reason: string) {
  if (!canPlatform(actor, "organisations.erase")) throw new AppError("forbidden");
  requireRecentSecondFactor(actor);
  await db.$transaction(async (tx) => {
    const key = await tx.organisationKey.findUnique({ where: { organisationId } });
    if (!key) throw new AppError("notFound");
    if (key.destroyedAt) throw new AppError("invalidTransition");
    await tx.organisationKey.update({
      where: { organisationId },
      data: { wrappedKey: null, destroyedAt: new Date(), destroyedById: actor.userId, destroyReason: reason },
    });
    await tx.organisation.update({ where: { id: organisationId }, data: { identity: null, publicName: null, isProtected: true } });
    await tx.invitation.deleteMany({ where: { organisationId } });
    await writeAudit(tx, { userId: actor.userId, role: "ADMIN" }, {
      action: "organisation.erased",
      entityType: "Organisation",
      entityId: organisationId,
      organisationId,
      after: { reason },
    });
  });
  try {
    destroyShare(organisationId);
  } catch (e) {
    // The database no longer holds the wrapped key; a leftover share alone decrypts nothing.
    logError("key share could not be destroyed", e);
  }
}

/** Organisations for the erase page: codenames only, never identities. */
export async function listOrganisationsForAdmin(actor: Actor) {
  if (!canPlatform(actor, "organisations.erase")) throw new AppError("forbidden");
  const rows = await db.organisation.findMany({
    orderBy: { codename: "asc" },
    select: { id: true, codename: true, isProtected: true, operatingStatus: true, operatingCountry: true, key: { select: { destroyedAt: true } }, _count: { select: { applications: true, grants: true } } },
  });
  return rows.map((o) => ({ id: o.id, codename: o.codename, isProtected: o.isProtected, status: o.operatingStatus, country: o.operatingCountry, erased: Boolean(o.key?.destroyedAt), applications: o._count.applications, grants: o._count.grants }));
}
