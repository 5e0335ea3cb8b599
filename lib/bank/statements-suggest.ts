// The fallback for a debit without our reference: a released, unbooked payment of the same
// account, amount and currency, due within days of the booking, to an account that looks
// the same masked. Offered to finance only when exactly one payment fits and no other line
// of the import claims it; never booked without a person (statements.ts confirmLine).
import "server-only";
import type { Tx } from "../db";
import type { TDecision } from "./reconcile-classify";

/** Days before and after the requested execution date a booking may fall. */
const DAYS_BEFORE = 3;
const DAYS_AFTER = 10;

export async function suggestMatches(tx: Tx, debtorAccountId: string, decisions: TDecision[]): Promise<void> {
  const open = decisions.filter((d) => d.outcome === "UNMATCHED" && d.line.creditDebit === "DBIT" && (d.issue === "NO_REFERENCE" || d.issue === "UNKNOWN_REFERENCE"));
  if (open.length === 0) return;
  // Payments this import books or returns are taken.
  const taken = new Set(decisions.flatMap((d) => (d.itemId ? [d.itemId] : [])));
  const candidates = new Map<string, string[]>();
  for (const d of open) {
    const day = d.line.bookingDate ?? d.line.valueDate;
    if (!day) continue;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM "PaymentBatchItem" i
      JOIN "PaymentBatch" b ON b.id = i."batchId" AND b.status = 'RELEASED' AND b."debtorAccountId" = ${debtorAccountId}::uuid
      JOIN "Tranche" t ON t.id = i."trancheId" AND t.status = 'APPROVED'
      JOIN "PayeeAccount" a ON a.id = i."payeeAccountId"
      WHERE i.open AND i.amount = ${d.line.amount}::numeric AND i.currency = ${d.line.currency}
        AND ${day}::date BETWEEN b."requestedExecutionDate" - ${DAYS_BEFORE}::int AND b."requestedExecutionDate" + ${DAYS_AFTER}::int
        AND (${d.line.counterpartyMasked ?? null}::text IS NULL OR a.masked = ${d.line.counterpartyMasked ?? null}::text)
        AND NOT EXISTS (SELECT 1 FROM "BankStatementLine" l WHERE l."batchItemId" = i.id AND l.outcome = 'BOOKED')
      LIMIT 8`;
    candidates.set(d.line.id, rows.map((r) => r.id).filter((id) => !taken.has(id)));
  }
  const claimed = new Map<string, number>();
  for (const ids of candidates.values()) if (ids.length === 1) claimed.set(ids[0]!, (claimed.get(ids[0]!) ?? 0) + 1);
  for (const d of open) {
    const ids = candidates.get(d.line.id) ?? [];
    if (ids.length === 1 && claimed.get(ids[0]!) === 1) d.suggestedItemId = ids[0]!;
  }
}
