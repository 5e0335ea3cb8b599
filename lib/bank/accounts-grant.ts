// Each grant names the account it is paid to. Choosing or changing it is requested by an admin
// of the organisation or the funder's finance and takes effect when one of the funder's
// approvers (not the requester) confirms: the database applies a confirmed change itself
// (GrantPayeeChange_apply) and refuses any other write of Grant."payeeAccountId". While a
// change waits, the grant is not paid. Every member is told of a request and of its effect.
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { lockGrantForStaff } from "../grants/access";
import { funderStaff, notify, organisationMembers } from "../notifications/notify";
import { ownMembership, requireMembership } from "../organisations/policy";
import { payeeErrorCode, type PayeeErrorCode } from "./accounts-errors";
import type { TRequestGrantPayee } from "./accounts-schemas";
import { isPayeeInsider } from "./accounts-verification";

const memberLink = (grantId: string) => `/my/grants/${grantId}`;
const staffLink = (grantId: string) => `/staff/grants/${grantId}`;

/** The grant locked, for an admin of its organisation or the funder's finance; other members: forbidden; others: not-found. */
async function lockGrantForRequester(tx: Tx, actor: Actor, grantId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("notFound");
  const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: { payeeAccount: { select: { masked: true } } } });
  if (canAtFunder(actor, "payees.verify", grant.funderId)) return { grant, role: "FINANCE" };
  await requireMembership(tx, actor, grant.organisationId, "ADMIN");
  return { grant, role: "APPLICANT" };
}

export async function requestGrantPayee(actor: Actor, input: TRequestGrantPayee) {
  return db.$transaction(async (tx) => {
    const { grant, role } = await lockGrantForRequester(tx, actor, input.grantId);
    if (grant.status === "CLOSED" || grant.status === "TERMINATED") throw new AppError("invalidTransition");
    const account = await tx.payeeAccount.findFirst({ where: { id: input.accountId, organisationId: grant.organisationId } });
    if (!account) throw new AppError("notFound", { accountId: "errors.field.invalid" });
    if (account.retiredAt) throw new AppError("invalidTransition");
    if (grant.payeeAccountId === account.id) throw new AppError("alreadyDone");
    if (await tx.grantPayeeChange.count({ where: { grantId: grant.id, status: "REQUESTED" } })) throw new AppError("conflict");
    const change = await tx.grantPayeeChange.create({ data: { grantId: grant.id, accountId: account.id, requestedById: actor.userId } });
    await writeAudit(tx, { userId: actor.userId, role }, {
      action: "grant.payeeRequested", entityType: "GrantPayeeChange", entityId: change.id, funderId: grant.funderId, organisationId: grant.organisationId,
      before: { masked: grant.payeeAccount?.masked ?? null }, after: { grantId: grant.id, accountId: account.id, masked: account.masked },
    });
    await notify(tx, await organisationMembers(tx, grant.organisationId), { kind: "GRANT_PAYEE_REQUESTED", link: memberLink(grant.id), params: { grant: grant.number } });
    await notify(tx, await funderStaff(tx, grant.funderId, ["APPROVER"], [actor.userId]), { kind: "PAYEE_AWAITING_CONFIRMATION", link: staffLink(grant.id), params: { grant: grant.number } });
    return change.id;
  });
}

async function decide(actor: Actor, changeId: string, decision: "CONFIRMED" | "REJECTED") {
  requireRecentSecondFactor(actor);
  return db.$transaction(async (tx) => {
    const found = await tx.grantPayeeChange.findUnique({ where: { id: changeId }, select: { grantId: true } });
    if (!found) throw new AppError("notFound");
    // Grant first, then the change: the order every payment takes too.
    const grant = await lockGrantForStaff(tx, actor, found.grantId, "payees.confirm");
    await tx.$queryRaw`SELECT id FROM "GrantPayeeChange" WHERE id = ${changeId}::uuid FOR UPDATE`;
    const change = await tx.grantPayeeChange.findUniqueOrThrow({ where: { id: changeId }, include: { account: { select: { masked: true, retiredAt: true, addedById: true, organisationId: true } } } });
    if (change.status !== "REQUESTED") throw new AppError("invalidTransition");
    if (change.requestedById === actor.userId) throw new AppError("fourEyes");
    if (await isPayeeInsider(tx, actor.userId, change.account)) throw new AppError("fourEyes");
    if (decision === "CONFIRMED" && change.account.retiredAt) throw new AppError("payeeRetired");
    const before = grant.payeeAccountId ? await tx.payeeAccount.findUnique({ where: { id: grant.payeeAccountId }, select: { masked: true } }) : null;
    await tx.grantPayeeChange.update({ where: { id: changeId }, data: { status: decision, decidedById: actor.userId, decidedAt: new Date() } });
    await writeAudit(tx, { userId: actor.userId, role: "APPROVER" }, {
      action: decision === "CONFIRMED" ? "grant.payeeConfirmed" : "grant.payeeRejected", entityType: "GrantPayeeChange", entityId: changeId,
      funderId: grant.funderId, organisationId: grant.organisationId,
      before: { masked: before?.masked ?? null }, after: { grantId: grant.id, accountId: change.accountId, masked: change.account.masked },
    });
    if (decision === "CONFIRMED") {
      await notify(tx, await organisationMembers(tx, grant.organisationId), { kind: "GRANT_PAYEE_CHANGED", link: memberLink(grant.id), params: { grant: grant.number } });
    }
  });
}

export const confirmGrantPayee = (actor: Actor, changeId: string) => decide(actor, changeId, "CONFIRMED");
export const rejectGrantPayee = (actor: Actor, changeId: string) => decide(actor, changeId, "REJECTED");

export type GrantPayeeView = {
  account: { id: string; masked: string; retired: boolean } | null;
  pending: { id: string; masked: string; requestedAt: Date; requestedByActor: boolean } | null;
  /** Why the grant cannot be paid now, or null. */
  blocked: PayeeErrorCode | null;
  /** The organisation's accounts in use, masked: what a request may name. */
  choices: { id: string; masked: string }[];
  canRequest: boolean;
  canDecide: boolean;
};

/** A grant's payee account, masked, for members of its organisation and the funder's staff who see the grant. */
export async function findGrantPayee(actor: Actor, grantId: string): Promise<GrantPayeeView> {
  const grant = await db.grant.findUnique({ where: { id: grantId }, select: { id: true, status: true, funderId: true, organisationId: true, payeeAccount: { select: { id: true, masked: true, retiredAt: true } } } });
  if (!grant) throw new AppError("notFound");
  const membership = await db.membership.findFirst({ where: { ...ownMembership(actor), organisationId: grant.organisationId }, select: { role: true } });
  const member = Boolean(membership);
  if (!member && !canAtFunder(actor, "grants.view", grant.funderId)) throw new AppError("notFound");
  const pending = await db.grantPayeeChange.findFirst({ where: { grantId, status: "REQUESTED" }, include: { account: { select: { masked: true, addedById: true } } } });
  const choices = await db.payeeAccount.findMany({ where: { organisationId: grant.organisationId, retiredAt: null }, orderBy: { addedAt: "asc" }, select: { id: true, masked: true } });
  let blocked: PayeeErrorCode | null = null;
  try {
    await db.$executeRaw`SELECT most_payee_check(${grantId}::uuid)`;
  } catch (e) {
    blocked = payeeErrorCode(e);
    if (!blocked) throw e;
  }
  const open = grant.status !== "CLOSED" && grant.status !== "TERMINATED";
  return {
    account: grant.payeeAccount ? { id: grant.payeeAccount.id, masked: grant.payeeAccount.masked, retired: Boolean(grant.payeeAccount.retiredAt) } : null,
    pending: pending ? { id: pending.id, masked: pending.account.masked, requestedAt: pending.requestedAt, requestedByActor: pending.requestedById === actor.userId } : null,
    blocked,
    choices: choices.filter((c) => c.id !== grant.payeeAccount?.id),
    canRequest: open && !pending && (membership?.role === "ADMIN" || canAtFunder(actor, "payees.verify", grant.funderId)),
    canDecide: Boolean(pending) && pending!.requestedById !== actor.userId && !member && pending!.account.addedById !== actor.userId && canAtFunder(actor, "payees.confirm", grant.funderId),
  };
}
