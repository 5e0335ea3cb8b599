// One statement element subtree (a <Ntry>, a <Bal>, the account) to our shape. camt.053
// versions differ in small ways handled here: <Sts>BOOK</Sts> (.02–.04) or <Sts><Cd>BOOK</Cd>
// (.05 on), party names under <Pty> (.08), the transaction amount in <Amt> (.03 on) or
// <AmtDtls><TxAmt> (.02), dates as <Dt> or <DtTm>.
import { at, kid, kids, textOf, type XmlNode } from "@/lib/sanctions/parse/xml";
import { isDecimalText } from "@/lib/amounts";
import { isCalendarDay } from "@/lib/validation";
import { StatementFileError } from "./codes";

export type TCreditDebit = "CRDT" | "DBIT";

export interface TStatementAmount {
  /** Decimal text as the bank wrote it ("1.7", "2734.58"); compare with Decimal. */
  amount: string;
  currency: string;
}

export interface TBalance extends TStatementAmount {
  /** OPBD, CLBD, PRCD, OPAV, CLAV, ITBD… (or the proprietary code). */
  type: string;
  creditDebit: TCreditDebit;
  date?: string;
}

export interface TEntryTransaction {
  /** The portal's reference when the payment came from our pain.001 ("NOTPROVIDED" when the bank had none). */
  endToEndId?: string;
  /** Our pain.001 message and payment information ids, when the bank reports them. */
  messageId?: string;
  instructionId?: string;
  transactionId?: string;
  paymentInformationId?: string;
  accountServicerRef?: string;
  amount?: TStatementAmount;
  creditDebit?: TCreditDebit;
  /** RtrInf/Rsn/Cd (ISO external return reason, e.g. AC04) or its proprietary reason. */
  returnReason?: string;
  creditorName?: string;
  creditorAccount?: string;
  debtorName?: string;
  debtorAccount?: string;
  remittance?: string;
}

export interface TStatementEntry extends TStatementAmount {
  /** Position in its statement, from 0. */
  index: number;
  entryRef?: string;
  creditDebit: TCreditDebit;
  reversal: boolean;
  /** BOOK (booked), PDNG (pending), INFO, or a later version's code. */
  status: string;
  booked: boolean;
  bookingDate?: string;
  valueDate?: string;
  accountServicerRef?: string;
  /** Domain/family/sub-family ("PMNT/ICDT/ESCT") or the proprietary code. */
  bankTransactionCode?: string;
  transactions: TEntryTransaction[];
  additionalInfo?: string;
}

const opt = (s: string) => (s === "" ? undefined : s);

function fail(code: "amount" | "date" | "missingField" | "malformed", where: string, what: string): never {
  throw new StatementFileError(code, `${where}: ${what}`);
}

/** <Amt Ccy="EUR">12.34</Amt> of a node, checked. */
export function amountOf(node: XmlNode | undefined, where: string): TStatementAmount | undefined {
  if (!node) return undefined;
  const amount = node.text.trim();
  const currency = node.attrs.Ccy ?? "";
  // xs:decimal as ISO 20022 restricts it: 18 digits in all, at most 17 after the point.
  if (!isDecimalText(amount, 18, 17)) fail("amount", where, `amount "${amount.slice(0, 40)}" is not a decimal`);
  if (!/^[A-Z]{3}$/.test(currency)) fail("amount", where, `currency "${currency.slice(0, 10)}" is not an ISO 4217 code`);
  return { amount, currency };
}

function creditDebitOf(node: XmlNode | undefined, where: string, required: true): TCreditDebit;
function creditDebitOf(node: XmlNode | undefined, where: string, required: false): TCreditDebit | undefined;
function creditDebitOf(node: XmlNode | undefined, where: string, required: boolean): TCreditDebit | undefined {
  const v = textOf(node, "CdtDbtInd");
  if (v === "CRDT" || v === "DBIT") return v;
  if (v === "" && !required) return undefined;
  return fail(v === "" ? "missingField" : "malformed", where, `CdtDbtInd "${v}"`);
}

/** <BookgDt><Dt>…</Dt></BookgDt> or <DtTm>: the calendar date (YYYY-MM-DD). */
function dateOf(node: XmlNode | undefined, where: string): string | undefined {
  if (!node) return undefined;
  const text = textOf(node, "Dt") || textOf(node, "DtTm");
  const day = text.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !isCalendarDay(day)) fail("date", where, `date "${text.slice(0, 40)}"`);
  return day;
}

const codeOrProprietary = (node: XmlNode | undefined) => opt(textOf(node, "Cd")) ?? opt(textOf(node, "Prtry"));

/** A party's name: <Nm> directly (.02) or under <Pty> (.08). */
const partyName = (node: XmlNode | undefined) => opt(textOf(node, "Nm")) ?? opt(textOf(kid(node, "Pty"), "Nm"));
/** An account's IBAN or other id. */
export const accountId = (node: XmlNode | undefined) => opt(textOf(kid(node, "Id"), "IBAN")) ?? opt(textOf(at(node, "Id/Othr")[0], "Id"));

export function balanceOf(node: XmlNode, where: string): TBalance {
  const type = codeOrProprietary(at(node, "Tp/CdOrPrtry")[0]);
  if (!type) fail("missingField", where, "balance without a type");
  const amount = amountOf(kid(node, "Amt"), where);
  if (!amount) fail("missingField", where, "balance without an amount");
  return { type, ...amount, creditDebit: creditDebitOf(node, where, true), date: dateOf(kid(node, "Dt"), where) };
}

function transactionOf(tx: XmlNode, where: string): TEntryTransaction {
  const refs = kid(tx, "Refs");
  const parties = kid(tx, "RltdPties");
  const amount = amountOf(kid(tx, "Amt"), where) ?? amountOf(at(tx, "AmtDtls/TxAmt/Amt")[0], where);
  const rtr = kid(tx, "RtrInf");
  const ustrd = kids(kid(tx, "RmtInf"), "Ustrd").map((u) => u.text.trim()).filter(Boolean);
  return {
    endToEndId: opt(textOf(refs, "EndToEndId")),
    messageId: opt(textOf(refs, "MsgId")),
    instructionId: opt(textOf(refs, "InstrId")),
    transactionId: opt(textOf(refs, "TxId")),
    paymentInformationId: opt(textOf(refs, "PmtInfId")),
    accountServicerRef: opt(textOf(refs, "AcctSvcrRef")),
    amount,
    creditDebit: creditDebitOf(tx, where, false),
    returnReason: rtr ? codeOrProprietary(kid(rtr, "Rsn")) : undefined,
    creditorName: partyName(kid(parties, "Cdtr")),
    creditorAccount: accountId(kid(parties, "CdtrAcct")),
    debtorName: partyName(kid(parties, "Dbtr")),
    debtorAccount: accountId(kid(parties, "DbtrAcct")),
    remittance: ustrd.length ? ustrd.join(" ") : undefined,
  };
}

function bankTransactionCodeOf(node: XmlNode | undefined): string | undefined {
  const domain = kid(node, "Domn");
  if (domain) {
    const family = kid(domain, "Fmly");
    return [textOf(domain, "Cd"), textOf(family, "Cd"), textOf(family, "SubFmlyCd")].filter(Boolean).join("/") || undefined;
  }
  return opt(textOf(kid(node, "Prtry"), "Cd"));
}

export function entryOf(node: XmlNode, index: number, where: string): TStatementEntry {
  const amount = amountOf(kid(node, "Amt"), where);
  if (!amount) fail("missingField", where, "entry without an amount");
  const stsNode = kid(node, "Sts");
  const status = stsNode ? (opt(textOf(stsNode, "Cd")) ?? opt(textOf(stsNode, "Prtry")) ?? stsNode.text.trim()) : "";
  if (!status) fail("missingField", where, "entry without a status");
  const rvsl = textOf(node, "RvslInd");
  if (rvsl !== "" && !["true", "false", "1", "0"].includes(rvsl)) fail("malformed", where, `RvslInd "${rvsl}"`);
  return {
    index,
    entryRef: opt(textOf(node, "NtryRef")),
    ...amount,
    creditDebit: creditDebitOf(node, where, true),
    reversal: rvsl === "true" || rvsl === "1",
    status,
    booked: status === "BOOK",
    bookingDate: dateOf(kid(node, "BookgDt"), where),
    valueDate: dateOf(kid(node, "ValDt"), where),
    accountServicerRef: opt(textOf(node, "AcctSvcrRef")),
    bankTransactionCode: bankTransactionCodeOf(kid(node, "BkTxCd")),
    transactions: at(node, "NtryDtls/TxDtls").map((tx) => transactionOf(tx, where)),
    additionalInfo: opt(textOf(node, "AddtlNtryInf")),
  };
}


