// A funder verifies an account before paying to it: its finance records how (a call-back to a
// known number, a bank letter), one of its approvers, another person, confirms or rejects.
// The cooling-off period (Funder.payeeCoolingOffDays) runs from the confirmation. Staff of a
// funder see and verify only accounts of organisations that applied to that funder.
import "server-only";
import { randomUUID } from "node:crypto";
import type { PayeeRevocationReason } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { canAtFunder, funderIdsWith } from "../auth/permissions";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { funderStaff, notify, organisationMembers } from "../notifications/notify";
import { openIdentityWith, organisationDataKey, type OrganisationIdentity } from "../organisations/identity";
import { normaliseWords, stripLegalForms } from "../sanctions/match";
import type { TPayeeAccount } from "./account";
import { openPayeeDetails, openVerificationNote, sealVerificationNote } from "./accounts-seal";
import type { TRecordVerification, TRevokeVerification } from "./accounts-schemas";
import { accountsLink } from "./accounts";

/** Staff who see an account's details at a funder: its finance and its approvers. */
export const canSeePayeeDetails = (actor: Actor, funderId: string) => canAtFunder(actor, "payees.verify", funderId) || canAtFunder(actor, "payees.confirm", funderId);

/** Verifications that no longer count: a new one may be recorded after them. */
const SETTLED = { notIn: ["REJECTED", "REVOKED"] as ("REJECTED" | "REVOKED")[] };

/** Applications that tie an organisation to a funder: past a draft and not refused or withdrawn. */
const LIVE_APPLICATION = { notIn: ["DRAFT", "REJECTED", "WITHDRAWN"] as ("DRAFT" | "REJECTED" | "WITHDRAWN")[] };

/**
 * Organisations the funder may pay: its grantees, and applicants whose application is still
 * live (accounts may be verified before the award). The same rule as the details page.
 */
const funderWhere = (funderId: string) => ({ organisation: { OR: [{ grants: { some: { funderId } } }, { applications: { some: { funderId, status: LIVE_APPLICATION } } }] } });

export type AccountToVerify = {
  id: string;
  organisation: string;
  kind: "SEPA" | "OTHER";
  masked: string;
  currency: string | null;
  addedAt: Date;
  verification: { id: string; status: "RECORDED" | "CONFIRMED"; method: string; recordedById: string; recordedAt: Date; decidedAt: Date | null } | null;
};

/** Accounts in use of the funder's applicants and grantees, with the funder's verification (masked: a list opens nothing). */
export async function findAccountsToVerify(actor: Actor, funderId: string): Promise<AccountToVerify[]> {
  if (!canSeePayeeDetails(actor, funderId)) throw new AppError("notFound");
  const rows = await db.payeeAccount.findMany({
    where: { retiredAt: null, ...funderWhere(funderId) },
    orderBy: { addedAt: "asc" },
    select: {
      id: true, kind: true, masked: true, currency: true, addedAt: true,
      organisation: { select: { publicName: true, codename: true } },
      verifications: { where: { funderId, status: SETTLED }, select: { id: true, status: true, method: true, recordedById: true, recordedAt: true, decidedAt: true } },
    },
  });
  return rows.map(({ organisation, verifications, ...r }) => ({
    ...r,
    organisation: organisation.publicName ?? organisation.codename,
    verification: (verifications[0] as AccountToVerify["verification"]) ?? null,
  }));
}

/**
 * The funder through which the actor sees this account's details: one where the actor is finance
 * or approver and the organisation holds a grant or a live application. Several: the smallest id,
 * so the same request always opens (and audits) under the same funder.
 */
async function entitledFunder(tx: Tx, actor: Actor, organisationId: string) {
  const funders = [...new Set(funderIdsWith(actor, "payees.verify").concat(funderIdsWith(actor, "payees.confirm")))];
  if (funders.length === 0) return null;
  const [grants, applications] = await Promise.all([
    tx.grant.findMany({ where: { organisationId, funderId: { in: funders } }, select: { funderId: true }, distinct: ["funderId"] }),
    tx.application.findMany({ where: { organisationId, funderId: { in: funders }, status: LIVE_APPLICATION }, select: { funderId: true }, distinct: ["funderId"] }),
  ]);
  return [...grants, ...applications].map((r) => r.funderId).sort()[0] ?? null;
}

export type PayeeAccountDetail = {
  id: string;
  masked: string;
  organisation: string;
  details: TPayeeAccount;
  /** The holder is the organisation (one of its names) or one of its key people: else finance asks who it is. */
  holderKnown: boolean;
  retiredAt: Date | null;
  funderId: string;
  verification: { id: string; status: "RECORDED" | "CONFIRMED"; method: string; note: string; recordedAt: Date; decidedAt: Date | null; recordedByActor: boolean } | null;
  /** The last withdrawn verification, when none is in play now. */
  revoked: { at: Date; reason: PayeeRevocationReason } | null;
  canRecord: boolean;
  canDecide: boolean;
  canRevoke: boolean;
};

/** A name without case, punctuation or order: its words proper and its legal forms apart. */
function nameParts(name: string) {
  const { words, forms } = stripLegalForms(normaliseWords(name));
  // A look-alike letter of another script ("Mediа" with a Cyrillic "а") is folded for screening; here it marks the word as not the same.
  return { words: words.map((w) => (w.folded ? `~${w.text}` : w.text)).sort().join(" "), forms: forms.sort().join(" ") };
}

/**
 * The same words, and the same legal form where both name one ("SIA Free Word" = "free word, sia"
 * = "Free Word"; not "Free Word Ltd"): a holder under another legal form may be another entity.
 */
export function holderIsKnown(holder: string, publicName: string | null, identity: OrganisationIdentity | null): boolean {
  const names = [publicName, identity?.displayName, identity?.legalName, ...(identity?.formerNames ?? []), ...(identity?.keyPeople ?? []).flatMap((p) => [p.name, p.latinName])];
  const wanted = nameParts(holder);
  if (!wanted.words) return false;
  return names.some((n) => {
    if (!n) return false;
    const known = nameParts(n);
    return known.words === wanted.words && (!known.forms || !wanted.forms || known.forms === wanted.forms);
  });
}

/** The account in clear for the funder's finance and approvers, audited; everyone else: not-found. */
export async function viewPayeeAccount(actor: Actor, accountId: string): Promise<PayeeAccountDetail> {
  return db.$transaction(async (tx) => {
    const account = await tx.payeeAccount.findUnique({ where: { id: accountId }, include: { organisation: { select: { publicName: true, codename: true } } } });
    if (!account) throw new AppError("notFound");
    const funderId = await entitledFunder(tx, actor, account.organisationId);
    if (!funderId) throw new AppError("notFound");
    // The details and the note in clear: a recent second factor, like opening a protected identity.
    requireRecentSecondFactor(actor);
    const dataKey = await organisationDataKey(tx, account.organisationId);
    if (!dataKey) throw new AppError("notFound");
    const details = openPayeeDetails(dataKey, account);
    const org = await tx.organisation.findUniqueOrThrow({ where: { id: account.organisationId }, select: { id: true, identity: true, publicName: true } });
    const v = await tx.payeeVerification.findFirst({ where: { accountId, funderId, status: SETTLED } });
    const revoked = v ? null : await tx.payeeVerification.findFirst({ where: { accountId, funderId, status: "REVOKED" }, orderBy: { revokedAt: "desc" } });
    await writeAudit(tx, { userId: actor.userId, role: canAtFunder(actor, "payees.verify", funderId) ? "FINANCE" : "APPROVER" }, {
      action: "payeeAccount.viewed", entityType: "PayeeAccount", entityId: accountId, funderId, organisationId: account.organisationId, after: { masked: account.masked },
    });
    return {
      id: account.id,
      masked: account.masked,
      organisation: account.organisation.publicName ?? account.organisation.codename,
      details,
      holderKnown: holderIsKnown(details.holderName, org.publicName, openIdentityWith(org, dataKey)),
      retiredAt: account.retiredAt,
      funderId,
      verification: v ? { id: v.id, status: v.status as "RECORDED" | "CONFIRMED", method: v.method, note: openVerificationNote(dataKey, account.organisationId, v), recordedAt: v.recordedAt, decidedAt: v.decidedAt, recordedByActor: v.recordedById === actor.userId } : null,
      revoked: revoked ? { at: revoked.revokedAt!, reason: revoked.revokedReason! } : null,
      canRecord: !v && !account.retiredAt && canAtFunder(actor, "payees.verify", funderId),
      canRevoke: v?.status === "CONFIRMED" && canSeePayeeDetails(actor, funderId),
      canDecide: v?.status === "RECORDED" && v.recordedById !== actor.userId && !(await isPayeeInsider(tx, actor.userId, account)) && canAtFunder(actor, "payees.confirm", funderId),
    };
  });
}

export async function recordPayeeVerification(actor: Actor, input: TRecordVerification) {
  if (!canAtFunder(actor, "payees.verify", input.funderId)) throw new AppError("notFound");
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PayeeAccount" WHERE id = ${input.accountId}::uuid FOR UPDATE`;
    const account = rows.length ? await tx.payeeAccount.findFirst({ where: { id: input.accountId, ...funderWhere(input.funderId) } }) : null;
    if (!account) throw new AppError("notFound");
    if (account.retiredAt) throw new AppError("invalidTransition");
    const open = await tx.payeeVerification.findFirst({ where: { accountId: account.id, funderId: input.funderId, status: SETTLED } });
    if (open) throw new AppError("alreadyDone");
    // Locked (FOR SHARE): a key renewal waits for this note to be sealed, and it for the renewal.
    const dataKey = await organisationDataKey(tx, account.organisationId, { lock: true });
    if (!dataKey) throw new AppError("notFound");
    const id = randomUUID();
    const note = sealVerificationNote(dataKey, account.organisationId, id, input.note);
    const v = await tx.payeeVerification.create({ data: { id, accountId: account.id, funderId: input.funderId, method: input.method, note, recordedById: actor.userId } });
    // The method only: the note (who was called, on which number) stays sealed, out of the audit trail.
    await writeAudit(tx, { userId: actor.userId, role: "FINANCE" }, {
      action: "payeeAccount.verificationRecorded", entityType: "PayeeVerification", entityId: v.id, funderId: input.funderId, organisationId: account.organisationId,
      after: { accountId: account.id, masked: account.masked, method: input.method },
    });
    await notify(tx, await funderStaff(tx, input.funderId, ["APPROVER"], [actor.userId]), { kind: "PAYEE_AWAITING_CONFIRMATION", link: "/staff/payees" });
    return v.id;
  });
}

/** Confirms (the cooling-off period starts now, by the database's clock) or rejects a recorded verification. */
export async function decidePayeeVerification(actor: Actor, verificationId: string, decision: "CONFIRMED" | "REJECTED") {
  requireRecentSecondFactor(actor);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PayeeVerification" WHERE id = ${verificationId}::uuid FOR UPDATE`;
    const v = rows.length ? await tx.payeeVerification.findUnique({ where: { id: verificationId }, include: { account: true } }) : null;
    if (!v || !canAtFunder(actor, "payees.confirm", v.funderId)) throw new AppError("notFound");
    if (v.status !== "RECORDED") throw new AppError("invalidTransition");
    if (v.recordedById === actor.userId) throw new AppError("fourEyes");
    if (await isPayeeInsider(tx, actor.userId, v.account)) throw new AppError("fourEyes");
    if (decision === "CONFIRMED" && v.account.retiredAt) throw new AppError("invalidTransition");
    const done = await tx.payeeVerification.update({ where: { id: verificationId }, data: { status: decision, decidedById: actor.userId, decidedAt: new Date() } });
    await writeAudit(tx, { userId: actor.userId, role: "APPROVER" }, {
      action: decision === "CONFIRMED" ? "payeeAccount.verificationConfirmed" : "payeeAccount.verificationRejected",
      entityType: "PayeeVerification", entityId: v.id, funderId: v.funderId, organisationId: v.account.organisationId,
      after: { accountId: v.accountId, masked: v.account.masked, decidedAt: done.decidedAt },
    });
    return { decidedAt: done.decidedAt! };
  });
}

/**
 * Withdraws a confirmed verification (a compromised, closed or wrong account): payments to it
 * stop at once (most_payee_check), batches not yet released cannot be released, and a new
 * verification may be recorded. One person of the funder's finance or approvers suffices;
 * the organisation's members and the funder's finance are told.
 */
export async function revokePayeeVerification(actor: Actor, input: TRevokeVerification) {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PayeeVerification" WHERE id = ${input.verificationId}::uuid FOR UPDATE`;
    const v = rows.length ? await tx.payeeVerification.findUnique({ where: { id: input.verificationId }, include: { account: true } }) : null;
    if (!v || !canSeePayeeDetails(actor, v.funderId)) throw new AppError("notFound");
    if (v.status !== "CONFIRMED") throw new AppError("invalidTransition");
    const done = await tx.payeeVerification.update({ where: { id: v.id }, data: { status: "REVOKED", revokedById: actor.userId, revokedAt: new Date(), revokedReason: input.reason } });
    await writeAudit(tx, { userId: actor.userId, role: canAtFunder(actor, "payees.verify", v.funderId) ? "FINANCE" : "APPROVER" }, {
      action: "payeeAccount.verificationRevoked", entityType: "PayeeVerification", entityId: v.id, funderId: v.funderId, organisationId: v.account.organisationId,
      before: { status: "CONFIRMED" }, after: { accountId: v.accountId, masked: v.account.masked, reason: input.reason, revokedAt: done.revokedAt },
    });
    await notify(tx, await organisationMembers(tx, v.account.organisationId), { kind: "PAYEE_VERIFICATION_REVOKED", link: accountsLink(v.account.organisationId) });
    await notify(tx, await funderStaff(tx, v.funderId, ["FINANCE"], [actor.userId]), { kind: "PAYEE_VERIFICATION_REVOKED", link: `/staff/payees/${v.accountId}` });
    return { revokedAt: done.revokedAt! };
  });
}

/** Whoever added the account or belongs to its organisation is on the payee's side (SQL: most_payee_insider). */
export async function isPayeeInsider(tx: Tx, userId: string, account: { addedById: string; organisationId: string }) {
  return account.addedById === userId || (await tx.membership.count({ where: { userId, organisationId: account.organisationId } })) > 0;
}

export const confirmPayeeVerification = (actor: Actor, verificationId: string) => decidePayeeVerification(actor, verificationId, "CONFIRMED");
export const rejectPayeeVerification = (actor: Actor, verificationId: string) => decidePayeeVerification(actor, verificationId, "REJECTED");
