// Assembles the disbursement export in the requested format.
import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "../auth/actor";
import { disbursementRows, exportScope, recordExport, type DisbursementRow, type TDisbursementFilters, type Totals } from "../reports/disbursements";
import { translatorFor } from "../i18n/messages";
import { disbursementCsv } from "./disbursement-csv";
import { disbursementXlsx } from "./disbursement-xlsx";
import { pdfStream, type Column } from "./writers";

export const EXPORT_FORMATS = ["csv", "xlsx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const KEYS = [
  ["entryId", 9],
  ["valueDate", 11],
  ["kind", 13],
  ["grantNumber", 18],
  ["grantStatus", 10],
  ["funder", 9],
  ["programme", 9],
  ["call", 16],
  ["organisation", 24],
  ["organisationId", 22],
  ["country", 7],
  ["region", 14],
  ["amount", 13],
  ["currency", 7],
  ["eurAmount", 13],
  ["eurRate", 11],
  ["bankReference", 16],
] as const satisfies ReadonlyArray<readonly [keyof DisbursementRow, number]>;
const NUMERIC = new Set<string>(["amount", "eurAmount", "eurRate"]);
/** The widest value each figure or code column must show on one line in the PDF. */
const FIT: Partial<Record<keyof DisbursementRow, string>> = {
  entryId: "0000000000",
  valueDate: "0000-00-00",
  kind: "DISBURSEMENT",
  grantNumber: "CZ-MFA-2026-0000",
  grantStatus: "TERMINATED",
  country: "XX",
  amount: "-000000000.00",
  currency: "XXX",
  eurAmount: "-000000000.00",
  eurRate: "00000.00000000",
};

type T = ReturnType<typeof translatorFor>;

function columns(t: T, unredacted: boolean): Column<DisbursementRow>[] {
  const list: Column<DisbursementRow>[] = KEYS.map(([key, width]) => ({ key, title: t(`exportFile.columns.${key}`), width, numeric: NUMERIC.has(key), fit: FIT[key] }));
  return unredacted ? [...list, { key: "legalName", title: t("exportFile.columns.legalName"), width: 24 }] : list;
}

/** Printed after the rows in the reader's language; amounts stay machine-readable. */
function totalsLines(totals: Totals, t: T): string[][] {
  return [
    [t("exportFile.totals")],
    ...totals.byCurrency.map((c) => [t("exportFile.total"), c.currency, c.amount, "EUR", c.eur, t("exportFile.rows", { count: c.rows })]),
    [t("exportFile.totalEur"), totals.eur, t("exportFile.rows", { count: totals.rows })],
  ];
}

export async function disbursementExport(actor: Actor, filters: TDisbursementFilters, format: ExportFormat): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  const scope = exportScope(actor, filters.unredacted);
  await recordExport(actor, "disbursements", format, filters, filters.unredacted, scope);
  // Column titles and totals in the language of the person exporting.
  const t = translatorFor(actor.locale);
  const cols = columns(t, Boolean(filters.unredacted));
  const stamp = new Date().toISOString().slice(0, 10);
  const fileName = `disbursements-${stamp}${filters.unredacted ? "-UNREDACTED" : ""}.${format}`;
  if (format === "csv") return { stream: await disbursementCsv(scope, filters, cols.map((c) => c.title), (totals) => totalsLines(totals, t)), contentType: "text/csv; charset=utf-8", fileName };
  if (format === "xlsx") {
    const stream = await disbursementXlsx(scope, filters, cols, (totals) => totalsLines(totals, t), t("exportFile.sheet"));
    return { stream, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
  }
  const totals: Totals = { byCurrency: [], eur: "0.00", rows: 0 };
  const rows = disbursementRows(scope, filters, totals);
  return { stream: pdfStream(rows, cols, () => totalsLines(totals, t), t("exportFile.title", { date: stamp })), contentType: "application/pdf", fileName };
}
