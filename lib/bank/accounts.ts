// An organisation's payee accounts: its admins add and retire them, as they edit its identity
// (an account is never edited: a change is a new account). Every member is told, content-free,
// so a takeover of one admin's login cannot silently add an account.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { notify, organisationMembers } from "../notifications/notify";
import { organisationDataKey } from "../organisations/identity";
import { ownMembership, requireMembership } from "../organisations/policy";
import { maskAccount, type TPayeeAccount } from "./account";
import { openPayeeDetails, sealPayeeDetails } from "./accounts-seal";
import type { TAddPayeeAccount } from "./accounts-schemas";
import { screenSoon } from "../sanctions/screen";

const APPLICANT = (actor: Actor) => ({ userId: actor.userId, role: "APPLICANT" });
export const accountsLink = (organisationId: string) => `/my/organisations/${organisationId}`;

/** The same account, compared on what the bank routes by. */
function sameAccount(a: TPayeeAccount, b: TPayeeAccount) {
  if (a.kind === "sepa" && b.kind === "sepa") return a.iban === b.iban;
  if (a.kind === "other" && b.kind === "other") return a.accountNumber === b.accountNumber && a.bic === b.bic;
  return false;
}

export async function addPayeeAccount(actor: Actor, input: TAddPayeeAccount) {
  const added = await db.$transaction(async (tx) => {
    await requireMembership(tx, actor, input.organisationId, "ADMIN");
    // Locked (FOR SHARE): a key renewal waits for this account to be sealed, and it for the renewal.
    const dataKey = await organisationDataKey(tx, input.organisationId, { create: true });
    if (!dataKey) throw new AppError("notFound");
    const a = input.account;
    const inUse = await tx.payeeAccount.findMany({ where: { organisationId: input.organisationId, retiredAt: null }, select: { id: true, organisationId: true, details: true } });
    if (inUse.some((r) => sameAccount(openPayeeDetails(dataKey, r), a))) throw new AppError("duplicate");
    const id = randomUUID();
    const masked = maskAccount(a);
    const kind = a.kind === "sepa" ? ("SEPA" as const) : ("OTHER" as const);
    await tx.payeeAccount.create({
      data: {
        id,
        organisationId: input.organisationId,
        kind,
        masked,
        country: a.kind === "sepa" ? a.iban.slice(0, 2) : a.bankCountry,
        currency: a.kind === "other" ? a.currency : null,
        details: sealPayeeDetails(dataKey, input.organisationId, id, a),
        addedById: actor.userId,
      },
    });
    await writeAudit(tx, APPLICANT(actor), { action: "payeeAccount.added", entityType: "PayeeAccount", entityId: id, organisationId: input.organisationId, after: { kind, masked } });
    await notify(tx, await organisationMembers(tx, input.organisationId), { kind: "PAYEE_ACCOUNT_ADDED", link: accountsLink(input.organisationId) });
    return { id, masked };
  });
  // Its holder is screened now (the database made the old screening stale: migration
  // 20261202160000); a failure is left to the sweep and the checks before any payment.
  await screenSoon(input.organisationId, "CHANGE");
  return added;
}

/** The account row locked, for an admin of its organisation; other members: forbidden; others: not-found. */
async function lockOwnAccount(tx: Tx, actor: Actor, accountId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PayeeAccount" WHERE id = ${accountId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("notFound");
  const account = await tx.payeeAccount.findUniqueOrThrow({ where: { id: accountId } });
  await requireMembership(tx, actor, account.organisationId, "ADMIN");
  return account;
}

/** Retired for good; grants naming it cannot be paid until another account is chosen. */
export async function retirePayeeAccount(actor: Actor, accountId: string) {
  return db.$transaction(async (tx) => {
    const account = await lockOwnAccount(tx, actor, accountId);
    if (account.retiredAt) throw new AppError("alreadyDone");
    await tx.payeeAccount.update({ where: { id: accountId }, data: { retiredAt: new Date(), retiredById: actor.userId } });
    await writeAudit(tx, APPLICANT(actor), { action: "payeeAccount.retired", entityType: "PayeeAccount", entityId: accountId, organisationId: account.organisationId, after: { masked: account.masked } });
    await notify(tx, await organisationMembers(tx, account.organisationId), { kind: "PAYEE_ACCOUNT_RETIRED", link: accountsLink(account.organisationId) });
  });
}

export type MemberAccountView = {
  id: string;
  kind: "SEPA" | "OTHER";
  masked: string;
  currency: string | null;
  addedAt: Date;
  retiredAt: Date | null;
  /** Each funder's verification in play, or else the last one it withdrew. */
  verifications: { funderName: string; status: "RECORDED" | "CONFIRMED" | "REVOKED"; usableFrom: Date | null }[];
  grants: { id: string; number: string }[];
};

/** An organisation's accounts for its members: masked only, with each funder's verification. */
export async function listOrganisationAccounts(actor: Actor, organisationId: string): Promise<MemberAccountView[]> {
  const member = await db.membership.findFirst({ where: { ...ownMembership(actor), organisationId } });
  if (!member) throw new AppError("notFound");
  const rows = await db.payeeAccount.findMany({
    where: { organisationId },
    orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { addedAt: "desc" }],
    select: {
      id: true, kind: true, masked: true, currency: true, addedAt: true, retiredAt: true,
      verifications: { where: { status: { not: "REJECTED" } }, orderBy: { recordedAt: "desc" }, select: { status: true, usableFrom: true, funderId: true, funder: { select: { name: true } } } },
      grants: { select: { id: true, number: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    verifications: r.verifications
      .filter((v, i, all) => all.findIndex((o) => o.funderId === v.funderId) === i)
      .map((v) => ({
        funderName: v.funder.name,
        status: v.status as "RECORDED" | "CONFIRMED" | "REVOKED",
        // A withdrawn verification's start of payments is history, not a promise.
        usableFrom: v.status === "CONFIRMED" ? v.usableFrom : null,
      })),
  }));
}
