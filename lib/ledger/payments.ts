// The payment flow with separation of duties: an officer requests a tranche, an approver
// (not the requester) approves it, finance (neither of the two) records it as paid.
// Recording is idempotent on a key from the form, and the ledger's database guard refuses
// anything that would pay more than the grant amount.
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { toDate } from "../validation";
import { lockGrantForStaff } from "../grants/access";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { rateForValueDate, toEur } from "./fx";
import { ledgerProofContent } from "./proof-content";
import { assertSanctionsClear, screenOrganisation } from "../sanctions/screen";
import { funderStaff, notify, organisationMembers } from "../notifications/notify";
import { assertPayeeReady } from "../bank/accounts-errors";
import type { TRecordPayment, TReversePayment } from "./schemas";

async function lockTranche(tx: Tx, actor: Actor, trancheId: string, permission: Parameters<typeof lockGrantForStaff>[3]) {
  const t = await tx.tranche.findUnique({ where: { id: trancheId }, select: { grantId: true } });
  if (!t) throw new AppError("notFound");
  // Grant first, then tranche: the same lock order everywhere avoids deadlocks.
  const grant = await lockGrantForStaff(tx, actor, t.grantId, permission);
  await tx.$queryRaw`SELECT id FROM "Tranche" WHERE id = ${trancheId}::uuid FOR UPDATE`;
  const tranche = await tx.tranche.findUniqueOrThrow({ where: { id: trancheId } });
  return { grant, tranche };
}

const roleFor = (actor: Actor, permission: Parameters<typeof roleGranting>[1], funderId: string) => ({ userId: actor.userId, role: roleGranting(actor, permission, funderId) });

export async function requestPayment(actor: Actor, trancheId: string) {
  return db.$transaction(async (tx) => {
    const { grant, tranche } = await lockTranche(tx, actor, trancheId, "payments.request");
    if (grant.status !== "ACTIVE" || tranche.status !== "PLANNED") throw new AppError("invalidTransition");
    if (tranche.condition !== "NONE") {
      const kind = tranche.condition === "INTERIM_REPORT_ACCEPTED" ? "INTERIM" : "FINAL";
      const accepted = await tx.report.count({ where: { grantId: grant.id, kind, status: "ACCEPTED" } });
      if (accepted === 0) throw new AppError("conditionNotMet");
    }
    await tx.tranche.update({ where: { id: trancheId }, data: { status: "REQUESTED", requestedById: actor.userId, requestedAt: new Date(), version: { increment: 1 } } });
    await writeAudit(tx, roleFor(actor, "payments.request", grant.funderId), {
      action: "payment.requested", entityType: "Tranche", entityId: trancheId, funderId: grant.funderId, organisationId: grant.organisationId,
      after: { amount: tranche.plannedAmount, currency: grant.currency, sequence: tranche.sequence },
    });
    await notify(tx, await funderStaff(tx, grant.funderId, ["APPROVER"], [actor.userId]), {
      kind: "PAYMENT_AWAITING_APPROVAL",
      link: `/staff/grants/${grant.id}`,
      params: { grant: grant.number, tranche: tranche.sequence },
    });
  });
}

/**
 * Each payment is screened first, in its own transaction, so a new match is kept when it
 * blocks. Only for a step the actor may take now: a refused call writes nothing.
 */
async function screenBeforePayment(actor: Actor, trancheId: string, permission: "payments.approve" | "payments.record") {
  const t = await db.tranche.findUnique({ where: { id: trancheId }, select: { status: true, requestedById: true, approvedById: true, grant: { select: { organisationId: true, funderId: true, status: true } } } });
  if (!t || t.grant.status !== "ACTIVE" || !canAtFunder(actor, permission, t.grant.funderId)) return;
  if (t.status !== (permission === "payments.approve" ? "REQUESTED" : "APPROVED")) return;
  if (t.requestedById === actor.userId || t.approvedById === actor.userId) return;
  await screenOrganisation(t.grant.organisationId, "PAYMENT");
}

export async function approvePayment(actor: Actor, trancheId: string) {
  requireRecentSecondFactor(actor);
  await screenBeforePayment(actor, trancheId, "payments.approve");
  return db.$transaction(async (tx) => {
    const { grant, tranche } = await lockTranche(tx, actor, trancheId, "payments.approve");
    // First: a grant suspended for a sanctions match says so, not "invalid transition".
    await assertSanctionsClear(tx, grant.organisationId, grant.funderId);
    if (grant.status !== "ACTIVE" || tranche.status !== "REQUESTED") throw new AppError("invalidTransition");
    if (tranche.requestedById === actor.userId) throw new AppError("fourEyes");
    requireRecentSecondFactor(actor);
    await tx.tranche.update({ where: { id: trancheId }, data: { status: "APPROVED", approvedById: actor.userId, approvedAt: new Date(), version: { increment: 1 } } });
    await writeAudit(tx, roleFor(actor, "payments.approve", grant.funderId), {
      action: "payment.approved", entityType: "Tranche", entityId: trancheId, funderId: grant.funderId, organisationId: grant.organisationId,
      after: { amount: tranche.plannedAmount, currency: grant.currency },
    });
  });
}

export type PaymentReceipt = { ledgerEntryId: string; trancheId: string; amount: string; currency: string; eurAmount: string; valueDate: string };

const receipt = (e: { id: bigint; trancheId: string | null; amount: Prisma.Decimal; currency: string; eurAmount: Prisma.Decimal; valueDate: Date }): PaymentReceipt => ({
  ledgerEntryId: e.id.toString(),
  trancheId: e.trancheId!,
  amount: e.amount.toFixed(2),
  currency: e.currency,
  eurAmount: e.eurAmount.toFixed(2),
  valueDate: e.valueDate.toISOString().slice(0, 10),
});

/**
 * A retry with the same key gets the first answer back; a key reused for something else
 * is refused. Only someone who may record payments at the grant's funder sees the answer:
 * a replayed key must not confirm anything to anyone else.
 */
async function priorEntry(actor: Actor, key: string) {
  const prior = await db.ledgerEntry.findUnique({ where: { idempotencyKey: key }, include: { grant: { select: { funderId: true } } } });
  if (!prior) return null;
  if (!canAtFunder(actor, "payments.record", prior.grant.funderId)) throw new AppError("notFound");
  return prior;
}

async function priorPayment(actor: Actor, key: string, trancheId: string): Promise<PaymentReceipt | null> {
  const prior = await priorEntry(actor, key);
  if (!prior) return null;
  if (prior.kind !== "DISBURSEMENT" || prior.trancheId !== trancheId) throw new AppError("conflict");
  return receipt(prior);
}

export async function recordPayment(actor: Actor, input: TRecordPayment): Promise<PaymentReceipt> {
  const earlier = await priorPayment(actor, input.idempotencyKey, input.trancheId);
  if (earlier) return earlier;
  await screenBeforePayment(actor, input.trancheId, "payments.record");
  try {
    return await db.$transaction(async (tx) => {
      const { grant, tranche } = await lockTranche(tx, actor, input.trancheId, "payments.record");
      // Re-checked under the locks: a concurrent twin may have committed meanwhile.
      const twin = await tx.ledgerEntry.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (twin) return receipt(twin);
      await assertSanctionsClear(tx, grant.organisationId, grant.funderId);
      if (grant.status !== "ACTIVE" || tranche.status !== "APPROVED") throw new AppError("invalidTransition");
      if (tranche.requestedById === actor.userId || tranche.approvedById === actor.userId) throw new AppError("fourEyes");
      // The database refuses it too (most_payee_check); asked first for the precise message.
      await assertPayeeReady(tx, grant.id);
      // A tranche in a payment batch is paid by the bank; its statement records the payment.
      if (await tx.paymentBatchItem.findFirst({ where: { trancheId: tranche.id, open: true }, select: { id: true } })) throw new AppError("trancheInBatch");
      const valueDate = toDate(input.valueDate);
      // Paying before the grant starts is allowed (pre-financing) but never by accident.
      const beforeStart = valueDate < grant.startDate;
      if (beforeStart && !input.beforeStart) throw new AppError("validation", { valueDate: "errors.payment.beforeStart" });
      const fx = await rateForValueDate(tx, grant.currency, valueDate);
      const amount = tranche.plannedAmount;
      const paid = input.paidCurrency && input.paidAmount && input.paidCurrency !== grant.currency
        ? { paidCurrency: input.paidCurrency, paidAmount: new Prisma.Decimal(input.paidAmount), paidFxRate: amount.div(input.paidAmount).toDecimalPlaces(8) }
        : {};
      await tx.tranche.update({ where: { id: tranche.id }, data: { status: "PAID", paidById: actor.userId, paidAt: new Date(), version: { increment: 1 } } });
      const entry = await tx.ledgerEntry.create({
        data: {
          grantId: grant.id,
          trancheId: tranche.id,
          kind: "DISBURSEMENT",
          amount,
          currency: grant.currency,
          eurAmount: toEur(amount, fx.perEur),
          eurRate: fx.perEur,
          valueDate,
          idempotencyKey: input.idempotencyKey,
          bankReference: input.bankReference,
          createdById: actor.userId,
          ...paid,
        },
      });
      await writeAudit(tx, roleFor(actor, "payments.record", grant.funderId), {
        action: "payment.recorded", entityType: "LedgerEntry", entityId: entry.id.toString(), funderId: grant.funderId, organisationId: grant.organisationId,
        // `ledgerEntry` is the row as written: verification compares the table with it.
        after: { trancheId: tranche.id, amount, currency: grant.currency, eurAmount: entry.eurAmount, valueDate: input.valueDate, ...paid, ...(beforeStart ? { beforeStart: true } : {}), ledgerEntry: ledgerProofContent(entry) },
      });
      await notify(tx, await organisationMembers(tx, grant.organisationId), { kind: "PAYMENT_RECORDED", link: `/my/grants/${grant.id}`, params: { grant: grant.number } });
      return receipt(entry);
    });
  } catch (e) {
    // Two submissions with one key raced past the first check: the loser sees the winner's row.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const winner = await priorPayment(actor, input.idempotencyKey, input.trancheId);
      if (winner) return winner;
    }
    throw e;
  }
}

function sameReversal(prior: { id: bigint; kind: string; reversesId: bigint | null }, input: TReversePayment) {
  if (prior.kind !== "REVERSAL" || prior.reversesId !== input.ledgerEntryId) throw new AppError("conflict");
  return prior.id.toString();
}

/** A correction: a reversal entry undoes a disbursement; the tranche can be paid again. */
export async function reversePayment(actor: Actor, input: TReversePayment) {
  const prior = await priorEntry(actor, input.idempotencyKey);
  if (prior) return sameReversal(prior, input);
  try {
    return await db.$transaction(async (tx) => {
      const original = await tx.ledgerEntry.findUnique({ where: { id: input.ledgerEntryId } });
      if (!original || original.kind !== "DISBURSEMENT") throw new AppError("notFound");
      const grant = await lockGrantForStaff(tx, actor, original.grantId, "payments.record");
      // Read under the grant's lock (every ledger write takes it): a colleague's reversal that
      // committed meanwhile is seen here, not as a unique violation at the insert.
      const twin = await tx.ledgerEntry.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (twin) return sameReversal(twin, input);
      if (await tx.ledgerEntry.count({ where: { reversesId: original.id } })) throw new AppError("alreadyDone");
      const valueDate = toDate(input.valueDate);
      const entry = await tx.ledgerEntry.create({
        data: {
          grantId: grant.id,
          trancheId: original.trancheId,
          kind: "REVERSAL",
          amount: original.amount.negated(),
          currency: original.currency,
          eurAmount: original.eurAmount.negated(),
          eurRate: original.eurRate,
          valueDate,
          reversesId: original.id,
          idempotencyKey: input.idempotencyKey,
          note: input.reason,
          createdById: actor.userId,
        },
      });
      if (original.trancheId) {
        await tx.tranche.update({ where: { id: original.trancheId }, data: { status: "APPROVED", paidById: null, paidAt: null, version: { increment: 1 } } });
      }
      await writeAudit(tx, roleFor(actor, "payments.record", grant.funderId), {
        action: "payment.reversed", entityType: "LedgerEntry", entityId: entry.id.toString(), funderId: grant.funderId, organisationId: grant.organisationId,
        before: { ledgerEntryId: original.id.toString(), amount: original.amount },
        after: { amount: entry.amount, reason: input.reason, ledgerEntry: ledgerProofContent(entry) },
      });
      return entry.id.toString();
    });
  } catch (e) {
    // A twin with the same key raced past the check before its commit: the loser sees its row.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const winner = await priorEntry(actor, input.idempotencyKey);
      if (winner) return sameReversal(winner, input);
    }
    throw e;
  }
}
