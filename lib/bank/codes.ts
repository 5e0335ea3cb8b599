// Error codes of the bank edge modules. Field codes are catalogue keys (errors.bank.*) for
// forms; file codes (errors.bankFile.*) name why a payment file could not be written or a
// statement was refused. Texts in en/ru/cs: bank-errors.md (the lead adds them to messages/).

export const BANK_FIELD_CODES = [
  "ibanFormat",
  "ibanCountry",
  "ibanLength",
  "ibanChecksum",
  "ibanBankChecksum",
  "notSepaCountry",
  "bicFormat",
  "holderName",
  "accountNumber",
  "bankName",
  "bankCountry",
  "currency",
] as const;
export type BankFieldCode = (typeof BANK_FIELD_CODES)[number];
export const bankFieldKey = (code: BankFieldCode) => `errors.bank.${code}`;

/** Why a pain.001 or CSV could not be written (each issue names the field path). */
export const PAYMENT_FILE_CODES = [
  "noPayments",
  "tooLong",
  "required",
  "charset",
  "identifier",
  "duplicateEndToEndId",
  "amount",
  "currency",
  "notEur",
  "iban",
  "account",
  "bic",
  "country",
  "date",
  "dateTime",
] as const;
export type PaymentFileCode = (typeof PAYMENT_FILE_CODES)[number];

/** Why a statement file was refused whole. */
export const STATEMENT_FILE_CODES = [
  "empty",
  "wrongFormat",
  "unsupportedVersion",
  "encoding",
  "malformed",
  "truncated",
  "missingField",
  "amount",
  "date",
  "countMismatch",
  "tooLarge",
] as const;
export type StatementFileCode = (typeof STATEMENT_FILE_CODES)[number];

export interface PaymentFileIssue {
  code: PaymentFileCode;
  /** Where, e.g. "payments[12].creditor.name". */
  path: string;
}

/** A batch that cannot become a file: every problem found, nothing written. */
export class PaymentFileError extends Error {
  constructor(readonly issues: PaymentFileIssue[]) {
    super(`payment file refused: ${issues.slice(0, 5).map((i) => `${i.path} ${i.code}`).join("; ")}${issues.length > 5 ? ` (+${issues.length - 5})` : ""}`);
    this.name = "PaymentFileError";
  }
}

/** A statement refused whole; `detail` is for the log, `code` for the person. */
export class StatementFileError extends Error {
  constructor(
    readonly code: StatementFileCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "StatementFileError";
  }
}
