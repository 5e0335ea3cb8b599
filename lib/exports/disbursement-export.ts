// Assembles the disbursement export in the requested format.
import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "../auth/actor";
import { disbursementRows, exportScope, recordExport, type DisbursementRow, type TDisbursementFilters, type Totals } from "../reports/disbursements";
import { csvStream, pdfStream, xlsxStream, type Column } from "./writers";

export const EXPORT_FORMATS = ["csv", "xlsx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const COLUMNS: Column<DisbursementRow>[] = [
  { key: "entryId", title: "Ledger entry", width: 9 },
  { key: "valueDate", title: "Value date", width: 11 },
  { key: "kind", title: "Kind", width: 13 },
  { key: "grantNumber", title: "Grant", width: 18 },
  { key: "grantStatus", title: "Grant status", width: 10 },
  { key: "funder", title: "Funder", width: 9 },
  { key: "programme", title: "Programme", width: 9 },
  { key: "call", title: "Call", width: 16 },
  { key: "organisation", title: "Organisation", width: 24 },
  { key: "organisationId", title: "Organisation identifier", width: 22 },
  { key: "country", title: "Country", width: 7 },
  { key: "region", title: "Region", width: 14 },
  { key: "amount", title: "Amount", width: 13, numeric: true },
  { key: "currency", title: "Currency", width: 7 },
  { key: "eurAmount", title: "Amount EUR", width: 13, numeric: true },
  { key: "eurRate", title: "Rate per EUR", width: 11, numeric: true },
  { key: "bankReference", title: "Bank reference", width: 16 },
];

export function totalsLines(t: Totals): string[][] {
  return [
    ["Totals"],
    ...t.byCurrency.map((c) => ["Total", c.currency, c.amount, "EUR", c.eur, `${c.rows} rows`]),
    ["Total EUR", t.eur, `${t.rows} rows`],
  ];
}

export async function disbursementExport(actor: Actor, filters: TDisbursementFilters, format: ExportFormat): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  const scope = exportScope(actor, filters.unredacted);
  await recordExport(actor, "disbursements", format, filters, filters.unredacted);
  const totals: Totals = { byCurrency: [], eur: "0.00", rows: 0 };
  const rows = disbursementRows(scope, filters, totals);
  const columns = filters.unredacted ? [...COLUMNS, { key: "legalName" as const, title: "Legal name", width: 24 }] : COLUMNS;
  const stamp = new Date().toISOString().slice(0, 10);
  const fileName = `disbursements-${stamp}${filters.unredacted ? "-UNREDACTED" : ""}.${format}`;
  const totalsFn = () => totalsLines(totals);
  if (format === "csv") return { stream: csvStream(rows, columns, totalsFn), contentType: "text/csv; charset=utf-8", fileName };
  if (format === "xlsx") return { stream: xlsxStream(rows, columns, totalsFn, "Disbursements"), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
  return { stream: pdfStream(rows, columns, totalsFn, `Disbursement report ${stamp}`), contentType: "application/pdf", fileName };
}
