// Payment batches (issue 15, item 3): finance gathers approved tranches of one funder, one
// debtor account and one currency; another finance user or an approver releases the batch;
// finance may cancel a batch not yet released, which frees its tranches. The database checks
// the same (migration 20261202070000_payment_batches): four eyes, one open batch per tranche,
// only payable tranches to the grant's own, verified and cooled-off account.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import { db, Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { toDate } from "../validation";
import { assertSanctionsClear } from "../sanctions/screen";
import { payeeErrorCode } from "./accounts-errors";
import type { TPrepareBatch } from "./batches-schemas";
import { insertBatchItems, payableRows, trancheFunders } from "./batch-prepare-rows";

// Neutral references: the bank and the payee's bank see them, so they name neither the
// funder nor the programme (a protected grantee's bank statement must not say who funds it).
const REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function reference(prefix: string, length: number) {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += REF_ALPHABET[b % REF_ALPHABET.length];
  return out;
}
export const batchReference = () => reference("B", 20);
export const endToEndReference = () => reference("P", 20);

const BATCH_DB_CODES = { most_batch_not_approved: "batchTrancheNotPayable", most_batch_stale: "batchStale", most_batch_in_batch: "trancheInBatch" } as const;

/** A guard's refusal as the error a person reads (payee guards included), else null. */
export function batchErrorCode(e: unknown) {
  const text = e instanceof Error ? e.message : String(e);
  for (const [marker, code] of Object.entries(BATCH_DB_CODES)) if (text.includes(marker)) return code;
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return "trancheInBatch" as const;
  if (text.includes("PaymentBatchItem_one_open")) return "trancheInBatch" as const;
  return payeeErrorCode(e);
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = batchErrorCode(e);
    if (code) throw new AppError(code);
    throw e;
  }
}

export type PayableTranche = {
  trancheId: string;
  grantId: string;
  grantNumber: string;
  sequence: number;
  amount: string;
  currency: string;
  organisation: string;
  payeeAccountId: string;
  payeeKind: "SEPA" | "OTHER";
  payeeMasked: string;
  /** Why it cannot go into a batch by this actor now, if it cannot. */
  blocked: "coolingOff" | "unverified" | "fourEyes" | null;
};

/**
 * Approved tranches of the funder's active grants that are in no open batch and name an
 * account, with whether they can go into a batch now (masked accounts; opens nothing).
 */
export async function payableTranches(actor: Actor, funderId: string): Promise<PayableTranche[]> {
  if (!canAtFunder(actor, "payments.record", funderId)) throw new AppError("notFound");
  const rows = await db.$queryRaw<(Omit<PayableTranche, "blocked" | "amount"> & { amount: Prisma.Decimal; confirmed: boolean; usableFrom: Date | null; requestedById: string | null; approvedById: string | null; now: Date })[]>`
    SELECT t.id AS "trancheId", g.id AS "grantId", g.number AS "grantNumber", t.sequence, t."plannedAmount" AS amount, g.currency,
           COALESCE(o."publicName", o.codename) AS organisation, a.id AS "payeeAccountId", a.kind::text AS "payeeKind", a.masked AS "payeeMasked",
           v.id IS NOT NULL AS confirmed, v."usableFrom", t."requestedById", t."approvedById", now() AS now
    FROM "Tranche" t
    JOIN "Grant" g ON g.id = t."grantId" AND g."funderId" = ${funderId}::uuid AND g.status = 'ACTIVE'
    JOIN "Organisation" o ON o.id = g."organisationId"
    JOIN "PayeeAccount" a ON a.id = g."payeeAccountId" AND a."retiredAt" IS NULL
    LEFT JOIN "PayeeVerification" v ON v."accountId" = a.id AND v."funderId" = g."funderId" AND v.status = 'CONFIRMED'
    WHERE t.status = 'APPROVED'
      AND NOT EXISTS (SELECT 1 FROM "PaymentBatchItem" i WHERE i."trancheId" = t.id AND i.open)
      AND NOT EXISTS (SELECT 1 FROM "GrantPayeeChange" c WHERE c."grantId" = g.id AND c.status = 'REQUESTED')
    ORDER BY g.number, t.sequence`;
  return rows.map(({ confirmed, usableFrom, requestedById, approvedById, now, amount, ...r }) => ({
    ...r,
    amount: amount.toFixed(2),
    blocked: !confirmed ? "unverified" : !usableFrom || usableFrom.getTime() > now.getTime() ? "coolingOff"
      : requestedById === actor.userId || approvedById === actor.userId ? "fourEyes" : null,
  }));
}

export async function prepareBatch(actor: Actor, input: TPrepareBatch): Promise<{ batchId: string; reference: string }> {
  if (!canAtFunder(actor, "payments.record", input.funderId)) throw new AppError("notFound");
  requireRecentSecondFactor(actor);
  return guarded(() => db.$transaction(async (tx) => {
    const debtor = await tx.funderBankAccount.findFirst({ where: { id: input.debtorAccountId, funderId: input.funderId, retiredAt: null } });
    if (!debtor) throw new AppError("validation", { debtorAccountId: "errors.field.invalid" });
    if (input.kind === "SEPA" && debtor.currency !== "EUR") throw new AppError("validation", { kind: "errors.batch.sepaEurOnly" });
    const ids = [...new Set(input.trancheIds)];
    // Grants first, then tranches (the lock order of the payment flow).
    const tranches = await trancheFunders(tx, ids);
    if (tranches.length !== ids.length || tranches.some((t) => t.funderId !== input.funderId)) throw new AppError("notFound");
    const grantIds = [...new Set(tranches.map((t) => t.grantId))].sort();
    await tx.$queryRaw`SELECT id FROM "Grant" WHERE id = ANY(${grantIds}::uuid[]) ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Tranche" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const fresh = await payableRows(tx, ids);
    for (const t of fresh) {
      if (t.status !== "APPROVED" || t.grantStatus !== "ACTIVE") throw new AppError("batchTrancheNotPayable");
      if (t.currency !== debtor.currency) throw new AppError("validation", { debtorAccountId: "errors.batch.currency" });
      if (t.requestedById === actor.userId || t.approvedById === actor.userId) throw new AppError("fourEyes");
      if (!t.payeeAccountId || !t.payeeKind) throw new AppError("payeeMissing");
      if ((input.kind === "SEPA") !== (t.payeeKind === "SEPA" && debtor.currency === "EUR")) throw new AppError("validation", { kind: "errors.batch.kindMismatch" });
    }
    for (const orgId of new Set(fresh.map((t) => t.organisationId))) await assertSanctionsClear(tx, orgId, input.funderId);
    const total = fresh.reduce((s, t) => s.add(t.plannedAmount), new Prisma.Decimal(0));
    const batch = await tx.paymentBatch.create({
      data: {
        funderId: input.funderId, debtorAccountId: debtor.id, kind: input.kind, currency: debtor.currency, reference: batchReference(),
        requestedExecutionDate: toDate(input.requestedExecutionDate), count: fresh.length, total, preparedById: actor.userId,
      },
    });
    await insertBatchItems(tx, batch.id, fresh.map((t) => ({
      trancheId: t.id, grantId: t.grantId, payeeAccountId: t.payeeAccountId!, amount: t.plannedAmount.toFixed(2), currency: t.currency, endToEndId: endToEndReference(),
    })));
    await writeAudit(tx, { userId: actor.userId, role: "FINANCE" }, {
      action: "paymentBatch.prepared", entityType: "PaymentBatch", entityId: batch.id, funderId: input.funderId,
      after: { reference: batch.reference, kind: batch.kind, currency: batch.currency, count: batch.count, total: total.toFixed(2), trancheIds: fresh.map((t) => t.id) },
    });
    return { batchId: batch.id, reference: batch.reference };
  }, { timeout: 60_000 }));
}

async function lockBatch(tx: Tx, actor: Actor, batchId: string, allowed: (funderId: string) => boolean) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PaymentBatch" WHERE id = ${batchId}::uuid FOR UPDATE`;
  const batch = rows.length ? await tx.paymentBatch.findUnique({ where: { id: batchId }, include: { items: true } }) : null;
  if (!batch || !allowed(batch.funderId)) throw new AppError("notFound");
  return batch;
}

const mayRelease = (actor: Actor) => (funderId: string) => canAtFunder(actor, "payments.record", funderId) || canAtFunder(actor, "payments.approve", funderId);

/** Another finance user or an approver releases a prepared batch: only then is there a file. */
export async function releaseBatch(actor: Actor, batchId: string) {
  requireRecentSecondFactor(actor);
  return guarded(() => db.$transaction(async (tx) => {
    const batch = await lockBatch(tx, actor, batchId, mayRelease(actor));
    if (batch.status !== "PREPARED") throw new AppError("invalidTransition");
    if (batch.preparedById === actor.userId) throw new AppError("fourEyes");
    const grants = await tx.grant.findMany({ where: { id: { in: [...new Set(batch.items.map((i) => i.grantId))] } }, select: { organisationId: true } });
    for (const orgId of new Set(grants.map((g) => g.organisationId))) await assertSanctionsClear(tx, orgId, batch.funderId);
    const role = canAtFunder(actor, "payments.record", batch.funderId) ? "FINANCE" : "APPROVER";
    const done = await tx.paymentBatch.update({ where: { id: batch.id }, data: { status: "RELEASED", releasedById: actor.userId, releasedAt: new Date(), version: { increment: 1 } } });
    await writeAudit(tx, { userId: actor.userId, role }, {
      action: "paymentBatch.released", entityType: "PaymentBatch", entityId: batch.id, funderId: batch.funderId,
      after: { reference: batch.reference, count: batch.count, total: batch.total.toFixed(2), releasedAt: done.releasedAt },
    });
  }, { timeout: 60_000 }));
}

/** Finance cancels a batch not released yet; its tranches may go into another. */
export async function cancelBatch(actor: Actor, batchId: string) {
  return guarded(() => db.$transaction(async (tx) => {
    const batch = await lockBatch(tx, actor, batchId, (f) => canAtFunder(actor, "payments.record", f));
    if (batch.status !== "PREPARED") throw new AppError("invalidTransition");
    await tx.paymentBatch.update({ where: { id: batch.id }, data: { status: "CANCELLED", cancelledById: actor.userId, cancelledAt: new Date(), version: { increment: 1 } } });
    await writeAudit(tx, { userId: actor.userId, role: "FINANCE" }, {
      action: "paymentBatch.cancelled", entityType: "PaymentBatch", entityId: batch.id, funderId: batch.funderId, after: { reference: batch.reference },
    });
  }));
}

export type BatchSummary = {
  id: string; reference: string; kind: "SEPA" | "OTHER"; currency: string; status: "PREPARED" | "RELEASED" | "CANCELLED";
  count: number; total: string; requestedExecutionDate: string; preparedById: string; preparedAt: Date; releasedAt: Date | null;
};

export async function listBatches(actor: Actor, funderId: string): Promise<BatchSummary[]> {
  if (!mayRelease(actor)(funderId)) throw new AppError("notFound");
  const rows = await db.paymentBatch.findMany({ where: { funderId }, orderBy: { preparedAt: "desc" }, take: 200 });
  return rows.map((b) => ({
    id: b.id, reference: b.reference, kind: b.kind, currency: b.currency, status: b.status, count: b.count, total: b.total.toFixed(2),
    requestedExecutionDate: b.requestedExecutionDate.toISOString().slice(0, 10), preparedById: b.preparedById, preparedAt: b.preparedAt,
    releasedAt: b.releasedAt,
  }));
}
