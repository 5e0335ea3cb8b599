// Emergency erase: when a grantee is in danger, an admin destroys the organisation's key
// (wrapped key and key share). What the key sealed — identity, files and their names — is
// then unrecoverable, also from database and file backups taken earlier; free text that
// could identify it is blanked and its files deleted. Its codename, amounts, dates,
// ledger and audit trail stay, so the accounts and the trail still verify.
import "server-only";
import type { Actor } from "../auth/actor";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { canPlatform } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { newDataKey } from "../crypto/envelope";
import { destroyAllShares } from "../crypto/keystore";
import { sealMeta } from "../files/attachment-meta";
import { erasePeopleOf } from "../users/person-keys";
import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { deleteFile } from "../files/storage";
import { logError } from "../log";

/** Stands in for a former member wherever a row named who wrote it. */
export const ERASED_PERSON = "00000000-0000-0000-0000-000000000000";

/**
 * Unties the organisation's rows from the people who wrote them (its members: the
 * applications, files, answers, reports and profile they created), so that a person who
 * also belongs elsewhere is not linked to it. The audit trail keeps its actor ids: it is
 * append-only, and a member's personal data is shredded with the erase (see docs).
 */
async function untiePeople(tx: Tx, organisationId: string, appIds: string[], grantIds: string[], memberIds: string[]) {
  await tx.application.updateMany({ where: { organisationId }, data: { createdById: ERASED_PERSON, lastEditedById: null } });
  await tx.attachment.updateMany({ where: { organisationId }, data: { uploadedById: ERASED_PERSON } });
  await tx.message.updateMany({ where: { applicationId: { in: appIds }, kind: "ANSWER" }, data: { authorId: ERASED_PERSON } });
  await tx.report.updateMany({ where: { grantId: { in: grantIds } }, data: { submittedById: null } });
  await tx.lostFunding.updateMany({ where: { organisationId }, data: { createdById: null } });
  await tx.organisation.update({ where: { id: organisationId }, data: { createdById: null } });
  const ids = [...appIds, ...grantIds];
  if (memberIds.length && ids.length) {
    await tx.notification.deleteMany({ where: { userId: { in: memberIds }, OR: ids.map((id) => ({ link: { contains: id } })) } });
  }
}

/** Blanks what was written about the organisation in free text; returns counts. */
async function blankFreeText(tx: Tx, organisationId: string) {
  const apps = await tx.application.findMany({ where: { organisationId }, select: { id: true, reference: true } });
  const appIds = apps.map((a) => a.id);
  for (const a of apps) await tx.application.update({ where: { id: a.id }, data: { title: a.reference, sections: {} } });
  await tx.budgetLine.updateMany({ where: { applicationId: { in: appIds } }, data: { description: "" } });
  await tx.screening.updateMany({ where: { applicationId: { in: appIds } }, data: { results: [], reasonsForApplicant: null } });
  await tx.message.updateMany({ where: { applicationId: { in: appIds } }, data: { body: "" } });
  await tx.reviewAssignment.updateMany({ where: { applicationId: { in: appIds } }, data: { conflictNote: null } });
  await tx.review.updateMany({ where: { assignment: { applicationId: { in: appIds } } }, data: { comment: "" } });
  await tx.reviewScore.updateMany({ where: { review: { assignment: { applicationId: { in: appIds } } } }, data: { comment: null } });
  await tx.decision.updateMany({ where: { applicationId: { in: appIds } }, data: { reasonsForApplicant: "", internalNotes: null, returnNote: null } });
  // A reviewer's reason may describe the organisation's people ("born 1969 in Perm"); a
  // reviewed match must keep one (a check), so it becomes a dash.
  await tx.sanctionsMatch.updateMany({ where: { organisationId, reason: { not: null } }, data: { reason: "—" } });
  const grants = await tx.grant.findMany({ where: { organisationId }, select: { id: true } });
  const grantIds = grants.map((g) => g.id);
  await tx.grantBudget.updateMany({ where: { grantId: { in: grantIds } }, data: { reason: "" } });
  await tx.grantBudgetLine.updateMany({ where: { budget: { grantId: { in: grantIds } } }, data: { description: "" } });
  const reports = await tx.report.findMany({ where: { grantId: { in: grantIds } }, select: { id: true, financial: true } });
  for (const r of reports) {
    const financial = Array.isArray(r.financial) ? r.financial.map((l) => ({ ...(l as object), description: "" })) : undefined;
    await tx.report.update({ where: { id: r.id }, data: { narrative: null, reviewNote: null, ...(financial ? { financial } : {}) } });
  }
  await tx.lostFunding.updateMany({ where: { organisationId }, data: { programmeName: "", purpose: "", donorOther: null } });
  // Notifications about its applications, grants and reports may carry their titles.
  const ids = [...appIds, ...grantIds, ...reports.map((r) => r.id)];
  const notifications = ids.length
    ? await tx.notification.updateMany({ where: { OR: ids.map((id) => ({ link: { contains: id } })) }, data: { params: {} } })
    : { count: 0 };
  return { counts: { applications: apps.length, grants: grants.length, reports: reports.length, notifications: notifications.count }, appIds, grantIds };
}

/**
 * Files of an erased organisation stored before files were sealed: their names are sealed
 * under a key thrown away at once (like every other file of it); returns their storage keys,
 * for the caller to delete.
 */
export async function sealAwayLegacyFiles(tx: Tx, organisationId: string): Promise<string[]> {
  const legacy = await tx.attachment.findMany({ where: { organisationId, meta: null }, select: { id: true, storageKey: true } });
  const throwaway = newDataKey();
  for (const a of legacy) {
    await tx.attachment.update({ where: { id: a.id }, data: { fileName: null, sha256: null, meta: sealMeta(throwaway, organisationId, a.storageKey, { fileName: "", sha256: "" }) } });
  }
  return legacy.map((a) => a.storageKey);
}

/**
 * Everything an erase does in the database besides destroying the key: blank, untie,
 * remove memberships and invitations. Returns the counts and the files to delete.
 */
async function scrub(tx: Tx, organisationId: string) {
  await tx.organisation.update({
    where: { id: organisationId },
    data: { identity: null, publicName: null, isProtected: true, foundedYear: null, staffSize: null, annualBudget: null, annualBudgetCurrency: null },
  });
  const { counts, appIds, grantIds } = await blankFreeText(tx, organisationId);
  const memberIds = (await tx.membership.findMany({ where: { organisationId }, select: { userId: true } })).map((m) => m.userId);
  await untiePeople(tx, organisationId, appIds, grantIds, memberIds);
  const invitations = await tx.invitation.deleteMany({ where: { organisationId } });
  const plain = await sealAwayLegacyFiles(tx, organisationId);
  const sealed = (await tx.attachment.findMany({ where: { organisationId }, select: { storageKey: true } })).map((a) => a.storageKey).filter((k) => !plain.includes(k));
  await tx.organisationKey.update({ where: { organisationId }, data: { scrubbedAt: new Date() } });
  // Last, since it destroys key shares: members of no other organisation lose their personal
  // data and account; every membership goes.
  const people = await erasePeopleOf(tx, organisationId);
  return { counts: { ...counts, files: plain.length + sealed.length, invitations: invitations.count, memberships: people.memberships, peopleErased: people.erased, peopleKept: people.kept }, plain, sealed };
}

const TX = { timeout: 120_000, maxWait: 30_000 };

export async function emergencyErase(actor: Actor, organisationId: string, reason: string) {
  if (!canPlatform(actor, "organisations.erase")) throw new AppError("forbidden");
  requireRecentSecondFactor(actor);
  const files = await db.$transaction(async (tx) => {
    // FOR UPDATE: waits for writers holding the key (organisationDataKey's FOR SHARE).
    const [key] = await tx.$queryRaw<{ destroyedAt: Date | null }[]>`
      SELECT "destroyedAt" FROM "OrganisationKey" WHERE "organisationId" = ${organisationId}::uuid FOR UPDATE`;
    if (!key) throw new AppError("notFound");
    if (key.destroyedAt) throw new AppError("invalidTransition");
    await tx.organisationKey.update({
      where: { organisationId },
      data: { wrappedKey: null, destroyedAt: new Date(), destroyedById: actor.userId, destroyReason: reason },
    });
    const { counts, plain, sealed } = await scrub(tx, organisationId);
    await writeAudit(tx, { userId: actor.userId, role: "ADMIN" }, {
      action: "organisation.erased",
      entityType: "Organisation",
      entityId: organisationId,
      organisationId,
      after: { reason, ...counts },
    });
    // Files from before sealing are readable as they lie: gone before the erase commits.
    for (const k of plain) await deleteFile(k);
    return sealed;
  }, TX);
  try {
    destroyAllShares(organisationId);
  } catch (e) {
    // The database no longer holds the wrapped key; a leftover share alone decrypts nothing.
    logError("key share could not be destroyed", e);
  }
  // Sealed under the destroyed key: unreadable already; deleting the bytes frees the space.
  for (const key of files) await deleteFile(key).catch((e) => logError("erased file could not be deleted", e));
}

/**
 * Organisations erased by versions before 2026-12 kept their memberships, free text, plain
 * files and shares in the storage folder: finished now, once (the worker runs it at start).
 */
export async function finishEarlierErasures(): Promise<number> {
  const keys = await db.organisationKey.findMany({ where: { destroyedAt: { not: null }, scrubbedAt: null }, select: { organisationId: true } });
  for (const { organisationId } of keys) {
    const files = await db.$transaction(async (tx) => {
      const { plain, sealed } = await scrub(tx, organisationId);
      for (const k of plain) await deleteFile(k);
      return sealed;
    }, TX);
    destroyAllShares(organisationId);
    for (const key of files) await deleteFile(key).catch((e) => logError("erased file could not be deleted", e));
  }
  return keys.length;
}

/** When an erase becomes final, as the operator configured it (null: not configured). */
export function eraseFinality(actor: Actor): { retentionDays: number | null } {
  if (!canPlatform(actor, "organisations.erase")) throw new AppError("forbidden");
  return { retentionDays: env().MOST_KEY_SHARE_RETENTION_DAYS ?? null };
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
