// The CSV disbursement export at COPY speed: PostgreSQL writes the data rows (COPY's CSV
// quoting is csv-stringify's: a cell with a quote, comma, CR or LF is quoted and its quotes
// doubled), the formula guard is csvCell's in SQL, and the organisations come redacted from
// exportOrg. The header and the totals are written as before, so the bytes are unchanged.
import "server-only";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { TDisbursementFilters, Totals } from "../reports/disbursements";
import { copyWithTotals } from "./copy-stream";
import { csvCell } from "./csv-cell";
import { FROM, orgValues, totalsText, whereText } from "./disbursement-sql";

/**
 * csvCell in SQL: text starting with = + - @ tab or CR gets a leading quote, unless it is
 * one of our figures (-30000.00); an empty cell is NULL, which COPY writes unquoted.
 */
export const guard = (x: string) =>
  `NULLIF(CASE WHEN left(${x}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') AND ${x} !~ '^-[0-9]{1,30}(\\.[0-9]{1,10})?$' THEN '''' || ${x} ELSE ${x} END, '')`;

const orEmpty = (v: string | null | undefined) => (v ? csvCell(v) : null);

export async function disbursementCsv(scope: string[] | "all", filters: TDisbursementFilters, titles: string[], totalsLines: (totals: Totals) => string[][]): Promise<Readable> {
  const unredacted = Boolean(filters.unredacted);
  const orgs = await orgValues(scope, unredacted, (o) => [orEmpty(o.name), orEmpty(o.id), orEmpty(o.country), orEmpty(o.region), ...(unredacted ? [orEmpty(o.legalName)] : [])]);
  const cells = [
    "l.id::text",
    `to_char(l."valueDate", 'YYYY-MM-DD')`,
    "l.kind::text",
    guard("g.number"),
    "g.status::text",
    guard("f.code"),
    guard("p.code"),
    guard("c.reference"),
    "x.v1",
    "x.v2",
    "x.v3",
    "x.v4",
    "l.amount::text",
    guard("l.currency"),
    `l."eurAmount"::text`,
    `l."eurRate"::text`,
    guard(`COALESCE(l."bankReference", '')`),
    ...(unredacted ? ["x.v5"] : []),
  ];
  const copySql = `WITH x AS (${orgs.sql}) SELECT ${cells.join(", ")} ${FROM} JOIN x ON x.id = g."organisationId" WHERE ${whereText(scope, filters)} ORDER BY l.id`;
  const totals: Totals = { byCurrency: [], eur: "0.00", rows: 0 };
  async function* file() {
    yield Buffer.from("\uFEFF" + stringify([titles]), "utf8");
    yield* copyWithTotals(copySql, totalsText(scope, filters), totals);
    yield Buffer.from(stringify([[], ...totalsLines(totals).map((l) => l.map(csvCell))]), "utf8");
  }
  return Readable.from(file());
}
