// What prepareBatch reads and writes for many tranches at once, each in one statement with one
// parameter per list: Prisma's nested reads and createMany cost a query per relation and a
// parameter per column per row, most of the time of a 10,000-payment batch (bench:bank-reconcile).
// The database's triggers check every item as before.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, Tx } from "../db";

export type TPayableRow = {
  id: string; grantId: string; status: string; plannedAmount: Prisma.Decimal; requestedById: string | null; approvedById: string | null;
  grantStatus: string; currency: string; organisationId: string; payeeAccountId: string | null; payeeKind: "SEPA" | "OTHER" | null;
};

/** The funder of each tranche (before any lock: to refuse another funder's tranches). */
export function trancheFunders(tx: Tx, ids: string[]) {
  return tx.$queryRaw<{ id: string; grantId: string; funderId: string }[]>`
    SELECT t.id, t."grantId", g."funderId" FROM "Tranche" t JOIN "Grant" g ON g.id = t."grantId" WHERE t.id = ANY(${ids}::uuid[])`;
}

/** The tranches as the batch's checks read them, in grant then sequence order. */
export function payableRows(tx: Tx, ids: string[]) {
  return tx.$queryRaw<TPayableRow[]>`
    SELECT t.id, t."grantId", t.status::text AS status, t."plannedAmount", t."requestedById", t."approvedById",
           g.status::text AS "grantStatus", g.currency, g."organisationId", g."payeeAccountId", a.kind::text AS "payeeKind"
    FROM "Tranche" t JOIN "Grant" g ON g.id = t."grantId" LEFT JOIN "PayeeAccount" a ON a.id = g."payeeAccountId"
    WHERE t.id = ANY(${ids}::uuid[]) ORDER BY t."grantId", t.sequence`;
}

export async function insertBatchItems(tx: Tx, batchId: string, items: { trancheId: string; grantId: string; payeeAccountId: string; amount: string; currency: string; endToEndId: string }[]) {
  const rows = items.map((i) => ({ id: randomUUID(), ...i }));
  await tx.$executeRaw`
    INSERT INTO "PaymentBatchItem" (id, "batchId", "trancheId", "grantId", "payeeAccountId", amount, currency, "endToEndId")
    SELECT r.id, ${batchId}::uuid, r."trancheId", r."grantId", r."payeeAccountId", r.amount, r.currency, r."endToEndId"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, "trancheId" uuid, "grantId" uuid, "payeeAccountId" uuid, amount numeric, currency text, "endToEndId" text)`;
}
