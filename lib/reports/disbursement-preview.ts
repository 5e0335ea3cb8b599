// What the auditor's disbursement page shows before an export: the first rows, totals
// per currency computed by the database, and the choices for the filter form.
import "server-only";
import type { Actor } from "../auth/actor";
import { db, Prisma } from "../db";
import { disbursementRows, disbursementWhere, exportScope, type DisbursementRow, type TDisbursementFilters, type Totals } from "./disbursements";

export const PREVIEW_ROWS = 50;

export async function disbursementPreview(actor: Actor, filters: TDisbursementFilters): Promise<{ rows: DisbursementRow[]; totals: Totals }> {
  // The preview never opens identities; an unredacted file is an export decision.
  const redacted = { ...filters, unredacted: false };
  const scope = exportScope(actor, false);
  const sums = await db.$queryRaw<Array<{ currency: string; amount: Prisma.Decimal; eur: Prisma.Decimal; rows: bigint }>>`
    SELECT l.currency, sum(l.amount) AS amount, sum(l."eurAmount") AS eur, count(*) AS rows
    FROM "LedgerEntry" l
    LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
    JOIN "Grant" g ON g.id = l."grantId"
    JOIN "Organisation" org ON org.id = g."organisationId"
    WHERE ${disbursementWhere(scope, redacted, 0n)}
    GROUP BY l.currency ORDER BY l.currency`;
  const byCurrency = sums.map((s) => ({ currency: s.currency, amount: s.amount.toFixed(2), eur: s.eur.toFixed(2), rows: Number(s.rows) }));
  const totals: Totals = {
    byCurrency,
    eur: byCurrency.reduce((acc, c) => acc.plus(c.eur), new Prisma.Decimal(0)).toFixed(2),
    rows: byCurrency.reduce((acc, c) => acc + c.rows, 0),
  };
  const rows: DisbursementRow[] = [];
  for await (const row of disbursementRows(scope, redacted, { byCurrency: [], eur: "0", rows: 0 }, PREVIEW_ROWS)) {
    rows.push(row);
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return { rows, totals };
}

/** Funders, programmes and calls in the actor's export scope, for the filter form. */
export async function disbursementFilterOptions(actor: Actor) {
  const scope = exportScope(actor, false);
  const funderWhere = scope === "all" ? {} : { id: { in: scope } };
  const [funders, programmes, calls, currencies] = await Promise.all([
    db.funder.findMany({ where: funderWhere, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.programme.findMany({ where: scope === "all" ? {} : { funderId: { in: scope } }, orderBy: { name: "asc" }, select: { id: true, name: true, code: true } }),
    db.call.findMany({ where: scope === "all" ? {} : { programme: { funderId: { in: scope } } }, orderBy: { reference: "asc" }, select: { id: true, reference: true } }),
    db.grant.findMany({ where: scope === "all" ? {} : { funderId: { in: scope } }, distinct: ["currency"], select: { currency: true } }),
  ]);
  return { funders, programmes, calls, currencies: currencies.map((c) => c.currency).sort() };
}
