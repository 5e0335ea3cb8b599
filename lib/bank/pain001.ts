// ISO 20022 customer credit transfer initiation (pain.001.001.09, and .001.001.03 for banks
// that still need it) for SEPA credit transfers in EUR. The whole batch is checked before the
// first byte: a batch with any problem gives no file, only the list of problems.
import { ibanProblem, isSepaCountry, isValidBic } from "./account";
import { isPaymentAmount, sumAmounts } from "./amount";
import { PaymentFileError, type PaymentFileCode, type PaymentFileIssue } from "./codes";
import { checkIdentifier, checkText, type TTextCharset } from "./text";
import { xmlDeclaration, xmlElement, type XmlChild, type XmlElement } from "./xml-writer";
import { Decimal } from "@/lib/money";
import { isCalendarDay } from "@/lib/validation";

export const PAIN001_VERSIONS = ["pain.001.001.09", "pain.001.001.03"] as const;
export type TPain001Version = (typeof PAIN001_VERSIONS)[number];

export interface TBankParty {
  name: string;
  /** Electronic form (lib/bank/account.ts normalises it). */
  iban: string;
  bic?: string;
}

export interface TCreditTransfer {
  /** The portal's own reference; comes back in the statement (camt.053 EndToEndId). */
  endToEndId: string;
  /** Decimal text, e.g. "1500.00". */
  amount: string;
  currency: string;
  creditor: TBankParty;
  /** Unstructured remittance information (one line, at most 140 characters). */
  remittance?: string;
  instructionId?: string;
}

export interface TCreditTransferBatch {
  messageId: string;
  createdAt: Date;
  debtor: TBankParty;
  /** YYYY-MM-DD */
  requestedExecutionDate: string;
  /** Defaults to the message id. */
  paymentInformationId?: string;
  /** Defaults to the debtor's name. */
  initiatingPartyName?: string;
  payments: readonly TCreditTransfer[];
}

export interface TPain001Options {
  version: TPain001Version;
  /** "basic" (default): the EPC basic Latin set; "unicode" for banks that take any text. */
  charset?: TTextCharset;
}

/** SEPA rulebook limits (within the ISO 20022 Max140Text / Max35Text of the schema). */
export const SEPA_NAME_MAX = 70;
export const REMITTANCE_MAX = 140;
/** SEPA credit transfers: at most 999,999,999.99 EUR each. */
const SEPA_MAX_WHOLE_DIGITS = 9;

export interface TBatchTotals {
  count: number;
  /** Exact sum, two decimals. */
  controlSum: string;
}

export function batchTotals(payments: readonly Pick<TCreditTransfer, "amount">[]): TBatchTotals {
  return { count: payments.length, controlSum: sumAmounts(payments.map((p) => p.amount)).toFixed(2) };
}

function checkParty(party: TBankParty, path: string, charset: TTextCharset, add: (code: PaymentFileCode, path: string) => void) {
  const name = checkText(party.name, SEPA_NAME_MAX, charset);
  if (name) add(name, `${path}.name`);
  if (ibanProblem(party.iban) || !isSepaCountry(party.iban.slice(0, 2))) add("iban", `${path}.iban`);
  if (party.bic !== undefined && !isValidBic(party.bic)) add("bic", `${path}.bic`);
}

/** Every problem that stops the batch from becoming a file (empty when it can be written). */
export function checkBatch(batch: TCreditTransferBatch, options: TPain001Options): PaymentFileIssue[] {
  const charset = options.charset ?? "basic";
  const issues: PaymentFileIssue[] = [];
  const add = (code: PaymentFileCode, path: string) => issues.push({ code, path });
  const id = (value: string | undefined, path: string) => {
    const problem = checkIdentifier(value);
    if (problem) add(problem, path);
  };
  id(batch.messageId, "messageId");
  if (batch.paymentInformationId !== undefined) id(batch.paymentInformationId, "paymentInformationId");
  if (!(batch.createdAt instanceof Date) || Number.isNaN(batch.createdAt.getTime())) add("dateTime", "createdAt");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(batch.requestedExecutionDate) || !isCalendarDay(batch.requestedExecutionDate)) add("date", "requestedExecutionDate");
  if (batch.initiatingPartyName !== undefined) {
    const p = checkText(batch.initiatingPartyName, SEPA_NAME_MAX, charset);
    if (p) add(p, "initiatingPartyName");
  }
  checkParty(batch.debtor, "debtor", charset, add);
  if (batch.payments.length === 0) add("noPayments", "payments");
  const seen = new Set<string>();
  batch.payments.forEach((p, i) => {
    const at = `payments[${i}]`;
    id(p.endToEndId, `${at}.endToEndId`);
    if (seen.has(p.endToEndId)) add("duplicateEndToEndId", `${at}.endToEndId`);
    seen.add(p.endToEndId);
    if (p.instructionId !== undefined) id(p.instructionId, `${at}.instructionId`);
    if (p.currency !== "EUR") add("notEur", `${at}.currency`);
    else if (typeof p.amount !== "string" || !isPaymentAmount(p.amount, "EUR", SEPA_MAX_WHOLE_DIGITS)) add("amount", `${at}.amount`);
    checkParty(p.creditor, `${at}.creditor`, charset, add);
    if (p.remittance !== undefined) {
      const r = checkText(p.remittance, REMITTANCE_MAX, charset);
      if (r) add(r, `${at}.remittance`);
    }
  });
  return issues;
}

/** xs:dateTime in UTC without milliseconds ("2026-12-02T03:31:01Z"). */
const isoDateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function agent(bic: string | undefined, version: TPain001Version): XmlElement {
  // No BIC (IBAN-only SEPA): the EPC convention is Othr/Id NOTPROVIDED.
  const id: XmlElement = bic ? [version === "pain.001.001.09" ? "BICFI" : "BIC", bic] : ["Othr", [["Id", "NOTPROVIDED"]]];
  return ["FinInstnId", [id]];
}

function transaction(p: TCreditTransfer, version: TPain001Version): XmlElement {
  const children: XmlChild[] = [
    ["PmtId", [p.instructionId !== undefined && ["InstrId", p.instructionId], ["EndToEndId", p.endToEndId]]],
    // Exact: the amount has at most two decimals (checked), so toFixed(2) only pads.
    ["Amt", [["InstdAmt", new Decimal(p.amount).toFixed(2), { Ccy: p.currency }]]],
    p.creditor.bic !== undefined && ["CdtrAgt", [agent(p.creditor.bic, version)]],
    ["Cdtr", [["Nm", p.creditor.name]]],
    ["CdtrAcct", [["Id", [["IBAN", p.creditor.iban]]]]],
    p.remittance !== undefined && ["RmtInf", [["Ustrd", p.remittance]]],
  ];
  return ["CdtTrfTxInf", children];
}

/**
 * The file as text chunks (header, then one chunk per 200 payments, the last with the closing tags).
 * Throws PaymentFileError on the first pull when the batch has any problem.
 */
export function* pain001Chunks(batch: TCreditTransferBatch, options: TPain001Options): Generator<string, void, undefined> {
  const issues = checkBatch(batch, options);
  if (issues.length) throw new PaymentFileError(issues);
  const { version } = options;
  const totals = batchTotals(batch.payments);
  yield xmlDeclaration + `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${version}">\n  <CstmrCdtTrfInitn>\n`;
  yield xmlElement(
    [
      "GrpHdr",
      [
        ["MsgId", batch.messageId],
        ["CreDtTm", isoDateTime(batch.createdAt)],
        ["NbOfTxs", String(totals.count)],
        ["CtrlSum", totals.controlSum],
        ["InitgPty", [["Nm", batch.initiatingPartyName ?? batch.debtor.name]]],
      ],
    ],
    2,
  );
  // PmtInf is opened by hand so the transactions can stream between its head and its end.
  const head: XmlElement[] = [
    ["PmtInfId", batch.paymentInformationId ?? batch.messageId],
    ["PmtMtd", "TRF"],
    ["NbOfTxs", String(totals.count)],
    ["CtrlSum", totals.controlSum],
    ["PmtTpInf", [["SvcLvl", [["Cd", "SEPA"]]]]],
    version === "pain.001.001.09" ? ["ReqdExctnDt", [["Dt", batch.requestedExecutionDate]]] : ["ReqdExctnDt", batch.requestedExecutionDate],
    ["Dbtr", [["Nm", batch.debtor.name]]],
    ["DbtrAcct", [["Id", [["IBAN", batch.debtor.iban]]], ["Ccy", "EUR"]]],
    ["DbtrAgt", [agent(batch.debtor.bic, version)]],
    ["ChrgBr", "SLEV"],
  ];
  yield "    <PmtInf>\n" + head.map((el) => xmlElement(el, 3)).join("");
  let chunk = "";
  for (let i = 0; i < batch.payments.length; i++) {
    chunk += xmlElement(transaction(batch.payments[i]!, version), 3);
    if (i % 200 === 199) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + "    </PmtInf>\n  </CstmrCdtTrfInitn>\n</Document>\n";
}

/** The whole file as one string. */
export function pain001Xml(batch: TCreditTransferBatch, options: TPain001Options): string {
  return [...pain001Chunks(batch, options)].join("");
}
