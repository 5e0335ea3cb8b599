// The XLSX disbursement export: PostgreSQL writes each sheet row as XML (COPY, one line per
// row), the organisations come redacted from exportOrg, and xlsxPackage zips the sheet.
// Text cells are inline strings, never formulas; amounts and rates are numbers.
import "server-only";
import type { Readable } from "node:stream";
import type { TDisbursementFilters, Totals } from "../reports/disbursements";
import { copyWithTotals } from "./copy-stream";
import { FROM, orgValues, totalsText, whereText } from "./disbursement-sql";
import { columnName, sheetRow, xlsxPackage, xmlText } from "./xlsx-package";

/** xmlText in SQL, for free text: only a value that needs it pays for the replacements. */
const xml = (x: string) =>
  `CASE WHEN ${x} ~ '[&<>"\\x01-\\x08\\x0a-\\x1f\\ufffe\\uffff]' THEN regexp_replace(replace(replace(replace(replace(replace(replace(${x}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), E'\\n', '&#10;'), E'\\r', '&#13;'), '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]', '', 'g') ELSE ${x} END`;

type Cell = { sql: string; kind: "text" | "number" | "safe" | "ready" };

/** One cell of row `n`; an empty text cell is left out, as ExcelJS did. */
function cell(i: number, c: Cell): string {
  const ref = `'<c r="${columnName(i)}' || n || '"`;
  if (c.kind === "number") return `${ref}><v>' || ${c.sql} || '</v></c>'`;
  const text = c.kind === "text" ? xml(c.sql) : c.sql;
  return `COALESCE(${ref} t="inlineStr"><is><t>' || NULLIF(${text}, '') || '</t></is></c>', '')`;
}

export async function disbursementXlsx(
  scope: string[] | "all",
  filters: TDisbursementFilters,
  columns: Array<{ title: string; width?: number }>,
  totalsLines: (totals: Totals) => string[][],
  sheetName: string,
): Promise<Readable> {
  const unredacted = Boolean(filters.unredacted);
  const ready = (v: string | null | undefined) => (v ? xmlText(v) : null);
  const orgs = await orgValues(scope, unredacted, (o) => [ready(o.name), ready(o.id), ready(o.country), ready(o.region), ...(unredacted ? [ready(o.legalName)] : [])]);
  // The outer query's names for the inner query's columns (s below).
  const cells: Cell[] = [
    { sql: "id::text", kind: "safe" },
    { sql: "value_date", kind: "safe" },
    { sql: "kind::text", kind: "safe" },
    { sql: "grant_number", kind: "text" },
    { sql: "grant_status::text", kind: "safe" },
    { sql: "funder", kind: "text" },
    { sql: "programme", kind: "text" },
    { sql: "call", kind: "text" },
    { sql: "v1", kind: "ready" },
    { sql: "v2", kind: "ready" },
    { sql: "v3", kind: "ready" },
    { sql: "v4", kind: "ready" },
    { sql: "amount::text", kind: "number" },
    { sql: "currency", kind: "text" },
    { sql: "eur_amount::text", kind: "number" },
    { sql: "eur_rate::text", kind: "number" },
    { sql: "bank_reference", kind: "text" },
    ...(unredacted ? [{ sql: "v5", kind: "ready" as const }] : []),
  ];
  // Row 1 is the header; each data row is numbered in ledger order.
  const row = `'<row r="' || n || '">' || ${cells.map((c, i) => cell(i, c)).join(" || ")} || '</row>'`;
  const copySql = `WITH x AS (${orgs.sql})
    SELECT ${row} FROM (
      SELECT row_number() OVER (ORDER BY l.id) + 1 AS n, l.id, to_char(l."valueDate", 'YYYY-MM-DD') AS value_date, l.kind, g.number AS grant_number, g.status AS grant_status,
             f.code AS funder, p.code AS programme, c.reference AS call, x.v1, x.v2, x.v3, x.v4${unredacted ? ", x.v5" : ""},
             l.amount, l.currency, l."eurAmount" AS eur_amount, l."eurRate" AS eur_rate, l."bankReference" AS bank_reference
      ${FROM} JOIN x ON x.id = g."organisationId" WHERE ${whereText(scope, filters)}) s
    ORDER BY id`;
  return xlsxPackage(
    sheetName,
    columns.map((c) => c.width ?? 16),
    async (write) => {
      await write(sheetRow(1, columns.map((c) => c.title)));
      const totals: Totals = { byCurrency: [], eur: "0.00", rows: 0 };
      // A single text column that never holds a line break, quote or delimiter: COPY writes it as is.
      for await (const chunk of copyWithTotals(copySql, totalsText(scope, filters), totals, "FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02'")) await write(chunk);
      // A blank row, then the totals: numbers a spreadsheet can add up, labels as text.
      const first = totals.rows + 3;
      await write(totalsLines(totals).map((line, i) => sheetRow(first + i, line)).join(""));
    },
  );
}
