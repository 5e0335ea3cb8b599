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
  // A line without a date has no window: nothing fits it.
  const dated = open.flatMap((d) => {
    const day = d.line.bookingDate ?? d.line.valueDate;
    return day ? [{ d, day }] : [];
  });
  if (dated.length === 0) return;
  // Payments this import books or returns are taken.
  const taken = [...new Set(decisions.flatMap((d) => (d.itemId ? [d.itemId] : [])))];
  // One query for every open line: the payments that fit each, kept where exactly one fits
  // and no other line's one fit is the same payment. ("" stands for no masked account.)
  const rows = await tx.$queryRaw<{ lineId: string; itemId: string }[]>`
    WITH line AS (
      SELECT * FROM unnest(${dated.map((x) => x.d.line.id)}::uuid[], ${dated.map((x) => x.d.line.amount)}::numeric[], ${dated.map((x) => x.d.line.currency)}::text[],
                           ${dated.map((x) => x.day)}::date[], ${dated.map((x) => x.d.line.counterpartyMasked ?? "")}::text[]) AS l(id, amount, currency, day, masked)
    ), fits AS (
      SELECT l.id AS line, i.id AS item FROM line l
      JOIN "PaymentBatchItem" i ON i.open AND i.amount = l.amount AND i.currency = l.currency
      JOIN "PaymentBatch" b ON b.id = i."batchId" AND b.status = 'RELEASED' AND b."debtorAccountId" = ${debtorAccountId}::uuid
      JOIN "Tranche" t ON t.id = i."trancheId" AND t.status = 'APPROVED'
      JOIN "PayeeAccount" a ON a.id = i."payeeAccountId"
      WHERE l.day BETWEEN b."requestedExecutionDate" - ${DAYS_BEFORE}::int AND b."requestedExecutionDate" + ${DAYS_AFTER}::int
        AND (l.masked = '' OR a.masked = l.masked)
        AND i.id <> ALL(${taken}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM "BankStatementLine" x WHERE x."batchItemId" = i.id AND x.outcome = 'BOOKED')
    ), one AS (
      SELECT line, (array_agg(item))[1] AS item FROM fits GROUP BY line HAVING count(*) = 1
    )
    SELECT o.line::text AS "lineId", o.item::text AS "itemId" FROM one o
    WHERE NOT EXISTS (SELECT 1 FROM one p WHERE p.item = o.item AND p.line <> o.line)`;
  const suggested = new Map(rows.map((r) => [r.lineId, r.itemId]));
  for (const { d } of dated) {
    const itemId = suggested.get(d.line.id);
    if (itemId) d.suggestedItemId = itemId;
  }
}
