// The funder's own accounts, the debtor of its payment files: kept by its funder admin (not
// sealed: a ministry's account is not a secret, and finance reads it on every batch).
import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { zId } from "../validation";
import { ZSepaAccount } from "./account";
import { isCurrencyCode } from "./amount";
import { bankFieldKey } from "./codes";

export const ZAddFunderAccount = z.object({
  funderId: zId,
  account: ZSepaAccount,
  currency: z.string("errors.field.required").trim().toUpperCase().refine(isCurrencyCode, bankFieldKey("currency")),
});
export type TAddFunderAccount = z.output<typeof ZAddFunderAccount>;

const mayManage = (actor: Actor, funderId: string) => canAtFunder(actor, "bankAccounts.manage", funderId);

export async function addFunderBankAccount(actor: Actor, input: TAddFunderAccount) {
  if (!mayManage(actor, input.funderId)) throw new AppError("notFound");
  return db.$transaction(async (tx) => {
    const existing = await tx.funderBankAccount.findFirst({ where: { funderId: input.funderId, iban: input.account.iban, currency: input.currency } });
    if (existing) throw new AppError("alreadyDone");
    const a = await tx.funderBankAccount.create({
      data: { funderId: input.funderId, holderName: input.account.holderName, iban: input.account.iban, bic: input.account.bic ?? null, currency: input.currency },
    });
    await writeAudit(tx, { userId: actor.userId, role: "FUNDER_ADMIN" }, {
      action: "funderBankAccount.added", entityType: "FunderBankAccount", entityId: a.id, funderId: input.funderId,
      after: { iban: a.iban, bic: a.bic, currency: a.currency, holderName: a.holderName },
    });
    return a.id;
  });
}

export async function retireFunderBankAccount(actor: Actor, accountId: string) {
  return db.$transaction(async (tx) => {
    const a = await tx.funderBankAccount.findUnique({ where: { id: accountId } });
    if (!a || !mayManage(actor, a.funderId)) throw new AppError("notFound");
    if (a.retiredAt) throw new AppError("alreadyDone");
    await tx.funderBankAccount.update({ where: { id: a.id }, data: { retiredAt: new Date() } });
    await writeAudit(tx, { userId: actor.userId, role: "FUNDER_ADMIN" }, { action: "funderBankAccount.retired", entityType: "FunderBankAccount", entityId: a.id, funderId: a.funderId, after: { iban: a.iban } });
  });
}

/** The funder's accounts in use, for its finance (to prepare batches) and its admin. */
export async function funderBankAccounts(actor: Actor, funderId: string) {
  if (!mayManage(actor, funderId) && !canAtFunder(actor, "payments.record", funderId) && !canAtFunder(actor, "payments.approve", funderId)) throw new AppError("notFound");
  return db.funderBankAccount.findMany({ where: { funderId, retiredAt: null }, orderBy: { createdAt: "asc" } });
}
