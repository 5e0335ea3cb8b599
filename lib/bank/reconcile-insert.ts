// The two bulk inserts of reconciliation, each one statement with one parameter (a JSON array
// unpacked by PostgreSQL): Prisma's createMany sends a parameter per column per row, which for
// a statement of 10,000 lines was most of the import's time (bench:bank-reconcile). The
// database's triggers check every row as before.
import "server-only";
import type { LedgerEntry } from "@prisma/client";
import type { Tx } from "../db";
import type { TDecision } from "./reconcile-classify";

export async function insertLines(tx: Tx, statement: { statementId: string; funderId: string; debtorAccountId: string }, decisions: TDecision[]) {
  if (decisions.length === 0) return;
  const rows = decisions.map(({ line: l, outcome, issue, itemId, suggestedItemId }) => ({
    id: l.id, lineKey: l.lineKey, entryIndex: l.entryIndex, txIndex: l.txIndex, creditDebit: l.creditDebit, reversal: l.reversal, entryStatus: l.entryStatus,
    amount: l.amount, currency: l.currency, bookingDate: l.bookingDate ?? null, valueDate: l.valueDate ?? null, endToEndId: l.endToEndId ?? null,
    bankReference: l.bankReference ?? null, returnReason: l.returnReason ?? null, counterpartyMasked: l.counterpartyMasked ?? null,
    outcome, issue, batchItemId: itemId, suggestedItemId: suggestedItemId ?? null,
  }));
  await tx.$executeRaw`
    INSERT INTO "BankStatementLine" (id, "statementId", "funderId", "debtorAccountId", "lineKey", "entryIndex", "txIndex", "creditDebit", reversal, "entryStatus",
                                     amount, currency, "bookingDate", "valueDate", "endToEndId", "bankReference", "returnReason", "counterpartyMasked",
                                     outcome, issue, "batchItemId", "suggestedItemId")
    SELECT r.id, ${statement.statementId}::uuid, ${statement.funderId}::uuid, ${statement.debtorAccountId}::uuid, r."lineKey", r."entryIndex", r."txIndex", r."creditDebit", r.reversal, r."entryStatus",
           r.amount, r.currency, r."bookingDate", r."valueDate", r."endToEndId", r."bankReference", r."returnReason", r."counterpartyMasked",
           r.outcome::"BankLineOutcome", r.issue::"BankLineIssue", r."batchItemId", r."suggestedItemId"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, "lineKey" text, "entryIndex" int, "txIndex" int, "creditDebit" text, reversal boolean, "entryStatus" text,
         amount numeric, currency text, "bookingDate" date, "valueDate" date, "endToEndId" text, "bankReference" text, "returnReason" text, "counterpartyMasked" text,
         outcome text, issue text, "batchItemId" uuid, "suggestedItemId" uuid)`;
}

export type TLedgerRow = {
  grantId: string; trancheId: string | null; kind: "DISBURSEMENT" | "REVERSAL"; amount: string; currency: string; eurAmount: string; eurRate: string;
  /** YYYY-MM-DD */
  valueDate: string; reversesId?: string | null; idempotencyKey: string; bankReference: string | null; noteCode?: "BANK_RETURN" | null; note?: string | null; createdById: string;
};

/** Inserts the ledger rows and returns them as stored (in no particular order: callers key them by idempotency key). */
export async function insertLedgerEntries(tx: Tx, rows: TLedgerRow[]): Promise<LedgerEntry[]> {
  if (rows.length === 0) return [];
  return tx.$queryRaw<LedgerEntry[]>`
    INSERT INTO "LedgerEntry" ("grantId", "trancheId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "reversesId", "idempotencyKey", "bankReference", "noteCode", note, "createdById")
    SELECT r."grantId", r."trancheId", r.kind::"LedgerKind", r.amount, r.currency, r."eurAmount", r."eurRate", r."valueDate", r."reversesId", r."idempotencyKey", r."bankReference",
           r."noteCode"::"LedgerNote", r.note, r."createdById"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("grantId" uuid, "trancheId" uuid, kind text, amount numeric, currency text, "eurAmount" numeric, "eurRate" numeric,
         "valueDate" date, "reversesId" bigint, "idempotencyKey" text, "bankReference" text, "noteCode" text, note text, "createdById" uuid)
    RETURNING *`;
}
