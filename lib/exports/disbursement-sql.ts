// The disbursement report as one SQL text for COPY … TO STDOUT, which takes no bind
// parameters: the filters (already validated by zod) and the organisations' export names
// (redacted in JavaScript, where identities can be opened) are inlined as escaped literals.
import "server-only";
import { escapeLiteral } from "pg";
import { db, Prisma } from "../db";
import { DISBURSEMENT_FROM, disbursementWhere, type TDisbursementFilters } from "../reports/disbursements";
import type { OrganisationIdentity } from "../organisations/identity";
import { exportOrg, type ExportedOrg } from "./redaction";

const literal = (v: unknown): string => {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "bigint" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(",")}]::text[]`;
  return escapeLiteral(String(v));
};

/** A Prisma.Sql with its $n placeholders replaced by literals (our fragments hold no other `$`). */
export function inline(sql: Prisma.Sql): string {
  return sql.text.replace(/\$(\d+)/g, (_m, n: string) => literal(sql.values[Number(n) - 1]));
}



export const FROM = inline(DISBURSEMENT_FROM);

export function whereText(scope: string[] | "all", filters: TDisbursementFilters): string {
  return inline(disbursementWhere(scope, filters, 0n));
}

/**
 * Every organisation the export may show, as exportOrg shows it (codename and generated
 * identifier when protected), turned into SQL values by `cells`: one round trip, whatever
 * the number of rows.
 */
export async function orgValues(scope: string[] | "all", unredacted: boolean, cells: (org: ExportedOrg) => Array<string | null>): Promise<{ sql: string; columns: number }> {
  const orgs = await db.organisation.findMany({ where: { grants: { some: scope === "all" ? {} : { funderId: { in: scope } } } }, include: { key: true } });
  const identities = new Map<string, OrganisationIdentity | null>();
  const rows = orgs.map((o) => [o.id, ...cells(exportOrg(o, unredacted, identities))]);
  const columns = cells({ id: "", name: "", country: null, region: "" }).length;
  const names = ["id", ...Array.from({ length: columns }, (_, i) => `v${i + 1}`)].join(", ");
  if (rows.length === 0) return { sql: `SELECT NULL::uuid AS id${Array.from({ length: columns }, (_, i) => `, NULL::text AS v${i + 1}`).join("")} WHERE false`, columns };
  const values = rows.map(([id, ...v]) => `(${literal(id)}::uuid, ${v.map((x) => `${literal(x)}::text`).join(", ")})`).join(",\n");
  return { sql: `SELECT * FROM (VALUES ${values}) AS t(${names})`, columns };
}

/**
 * The export's per-currency totals, in the same snapshot as the rows: exact sums of the
 * numeric columns, turned to text by the database and added up as Decimal.
 */
export function totalsText(scope: string[] | "all", filters: TDisbursementFilters): string {
  return `SELECT l.currency, sum(l.amount)::text AS amount, sum(l."eurAmount")::text AS eur, count(*)::int AS rows ${FROM}
    WHERE ${whereText(scope, filters)} GROUP BY l.currency ORDER BY l.currency COLLATE "C"`;
}
