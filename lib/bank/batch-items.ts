// Batch payments as reconciliation reads them, by the end-to-end references a statement names
// (to decide its lines) or by id (to write what was decided): one query for both, so the two
// cannot drift apart. The line that booked or returned each is at most one (unique indexes of
// migration 20261202150000_bank_line_unique).
import "server-only";
import { Prisma, type Tx } from "../db";
import type { TItemState } from "./reconcile-classify";

type Row = Omit<TItemState, "booked" | "returned"> & {
  bookedLineId: string | null;
  bookedRef: string | null;
  bookedLedgerId: bigint | null;
  returnedLineId: string | null;
  returnedRef: string | null;
};

async function batchItems(tx: Tx, where: Prisma.Sql): Promise<TItemState[]> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT i.id, i."endToEndId", i."trancheId", i."grantId", g."organisationId", b."funderId", b."debtorAccountId", b.status::text AS "batchStatus",
           i.open, i.amount, i.currency, t.status::text AS "trancheStatus",
           bl.id AS "bookedLineId", bl."bankReference" AS "bookedRef", bl."ledgerEntryId" AS "bookedLedgerId",
           rl.id AS "returnedLineId", rl."bankReference" AS "returnedRef"
    FROM "PaymentBatchItem" i
    JOIN "PaymentBatch" b ON b.id = i."batchId"
    JOIN "Grant" g ON g.id = i."grantId"
    JOIN "Tranche" t ON t.id = i."trancheId"
    LEFT JOIN "BankStatementLine" bl ON bl."batchItemId" = i.id AND bl.outcome = 'BOOKED'
    LEFT JOIN "BankStatementLine" rl ON rl."batchItemId" = i.id AND rl.outcome = 'RETURNED'
    WHERE ${where}`;
  return rows.map(({ bookedLineId, bookedRef, bookedLedgerId, returnedLineId, returnedRef, ...r }) => ({
    ...r,
    booked: bookedLineId ? { lineId: bookedLineId, bankReference: bookedRef, ledgerEntryId: bookedLedgerId } : null,
    returned: returnedLineId ? { bankReference: returnedRef } : null,
  }));
}

/** The payments the references name, by reference. */
export async function batchItemsByReference(tx: Tx, refs: string[]): Promise<Map<string, TItemState>> {
  if (refs.length === 0) return new Map();
  return new Map((await batchItems(tx, Prisma.sql`i."endToEndId" = ANY(${refs}::text[])`)).map((r) => [r.endToEndId, r]));
}

/** The payments, by id. */
export async function batchItemsById(tx: Tx, ids: string[]): Promise<Map<string, TItemState>> {
  if (ids.length === 0) return new Map();
  return new Map((await batchItems(tx, Prisma.sql`i.id = ANY(${ids}::uuid[])`)).map((r) => [r.id, r]));
}
