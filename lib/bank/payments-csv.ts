// Payments that are not SEPA credit transfers (other currencies, accounts outside SEPA) go
// to the bank as a CSV upload: one row per payment, fixed English column names (a file
// format, not page text), exact amounts in the currency's minor units, formula-neutralised
// cells. Like pain.001, the whole batch is checked first; a batch with problems gives no file.
import { stringify } from "csv-stringify/sync";
import { csvCell } from "@/lib/exports/csv-cell";
import { Decimal } from "@/lib/money";
import { isCalendarDay } from "@/lib/validation";
import { accountNumberProblem, BANK_NAME_MAX, HOLDER_NAME_MAX, isValidBic } from "./account";
import { currencyDigits, isCurrencyCode, isPaymentAmount } from "./amount";
import { PaymentFileError, type PaymentFileCode, type PaymentFileIssue } from "./codes";
import { REMITTANCE_MAX } from "./pain001";
import { checkIdentifier, checkText, type TTextCharset } from "./text";
import { COUNTRY_CODES } from "@/lib/countries";

export interface TCsvPayment {
  /** The portal's own reference. */
  endToEndId: string;
  amount: string;
  currency: string;
  creditor: { name: string; accountNumber: string; bankName: string; bic: string; bankCountry: string };
  remittance?: string;
}

export interface TCsvBatch {
  messageId: string;
  /** YYYY-MM-DD */
  requestedExecutionDate: string;
  /** The funder's account the money leaves from (IBAN or account number). */
  debtorAccount: string;
  payments: readonly TCsvPayment[];
}

export const PAYMENTS_CSV_COLUMNS = [
  "batch_id",
  "reference",
  "execution_date",
  "debtor_account",
  "amount",
  "currency",
  "beneficiary_name",
  "beneficiary_account",
  "beneficiary_bic",
  "beneficiary_bank",
  "beneficiary_bank_country",
  "remittance_information",
] as const;

const COUNTRIES = new Set(COUNTRY_CODES);

export function checkCsvBatch(batch: TCsvBatch, charset: TTextCharset = "basic"): PaymentFileIssue[] {
  const issues: PaymentFileIssue[] = [];
  const add = (code: PaymentFileCode | null, path: string) => code && issues.push({ code, path });
  add(checkIdentifier(batch.messageId), "messageId");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(batch.requestedExecutionDate) || !isCalendarDay(batch.requestedExecutionDate)) add("date", "requestedExecutionDate");
  if (accountNumberProblem(batch.debtorAccount)) add("account", "debtorAccount");
  if (batch.payments.length === 0) add("noPayments", "payments");
  const seen = new Set<string>();
  batch.payments.forEach((p, i) => {
    const at = `payments[${i}]`;
    add(checkIdentifier(p.endToEndId), `${at}.endToEndId`);
    if (seen.has(p.endToEndId)) add("duplicateEndToEndId", `${at}.endToEndId`);
    seen.add(p.endToEndId);
    if (!isCurrencyCode(p.currency)) add("currency", `${at}.currency`);
    else if (typeof p.amount !== "string" || !isPaymentAmount(p.amount, p.currency)) add("amount", `${at}.amount`);
    const c = p.creditor;
    add(checkText(c.name, HOLDER_NAME_MAX, charset), `${at}.creditor.name`);
    add(checkText(c.bankName, BANK_NAME_MAX, charset), `${at}.creditor.bankName`);
    if (accountNumberProblem(c.accountNumber)) add("account", `${at}.creditor.accountNumber`);
    if (!isValidBic(c.bic)) add("bic", `${at}.creditor.bic`);
    if (!COUNTRIES.has(c.bankCountry)) add("country", `${at}.creditor.bankCountry`);
    if (p.remittance !== undefined) add(checkText(p.remittance, REMITTANCE_MAX, charset), `${at}.remittance`);
  });
  return issues;
}

/** The CSV as text chunks (header, then 500 rows a chunk), CRLF line ends, UTF-8 without BOM. */
export function* paymentsCsvChunks(batch: TCsvBatch, charset: TTextCharset = "basic"): Generator<string, void, undefined> {
  const issues = checkCsvBatch(batch, charset);
  if (issues.length) throw new PaymentFileError(issues);
  const options = { record_delimiter: "windows" as const };
  yield stringify([[...PAYMENTS_CSV_COLUMNS]], options);
  let rows: string[][] = [];
  for (const p of batch.payments) {
    const c = p.creditor;
    rows.push(
      [
        batch.messageId,
        p.endToEndId,
        batch.requestedExecutionDate,
        batch.debtorAccount,
        // Exact: at most the currency's minor units (checked), so toFixed only pads.
        new Decimal(p.amount).toFixed(currencyDigits(p.currency)),
        p.currency,
        c.name,
        c.accountNumber,
        c.bic,
        c.bankName,
        c.bankCountry,
        p.remittance ?? "",
      ].map(csvCell),
    );
    if (rows.length === 500) {
      yield stringify(rows, options);
      rows = [];
    }
  }
  if (rows.length) yield stringify(rows, options);
}

export function paymentsCsv(batch: TCsvBatch, charset: TTextCharset = "basic"): string {
  return [...paymentsCsvChunks(batch, charset)].join("");
}
