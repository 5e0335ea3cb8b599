// Builds the statement a bank would send back for a batch written by lib/bank/pain001.ts:
// one booked debit per payment (EndToEndId = the portal's reference), plus, on request,
// returns (a credit with RtrInf/Rsn/Cd) and reversals (RvslInd). Tests parse it with
// lib/bank/camt053.ts and check it against the official camt.053 schemas.
import type { TCreditTransfer, TCreditTransferBatch } from "@/lib/bank/pain001";
import { sumAmounts } from "@/lib/bank/amount";
import { xmlDeclaration, xmlElement, type XmlChild, type XmlElement } from "@/lib/bank/xml-writer";
import { Decimal, type DecimalValue } from "@/lib/money";

export type TCamtVersion = "camt.053.001.02" | "camt.053.001.08";

export interface TStatementOptions {
  version: TCamtVersion;
  statementId: string;
  bookingDate: string;
  /** Opening booked balance (credit), decimal text. */
  opening: string;
  /** Payments the bank sent back: a credit entry each, with the reason code. */
  returns?: { endToEndId: string; reason: string }[];
  /** Payments whose debit the bank reversed (RvslInd true on a credit). */
  reversals?: string[];
  /** Payments left out (not yet booked). */
  skip?: string[];
}

interface TLine {
  payment: TCreditTransfer;
  creditDebit: "CRDT" | "DBIT";
  reversal?: boolean;
  reason?: string;
  ref: string;
}

function entry(line: TLine, o: TStatementOptions, batch: TCreditTransferBatch): XmlElement {
  const v08 = o.version === "camt.053.001.08";
  const { payment: p } = line;
  const amount = new Decimal(p.amount).toFixed(2);
  const party = (name: string): XmlChild[] => (v08 ? [["Pty", [["Nm", name]]]] : [["Nm", name]]);
  const family = line.reason ? "RRTN" : "ESCT";
  const tx: XmlChild[] = [
    ["Refs", [["MsgId", batch.messageId], ["PmtInfId", batch.paymentInformationId ?? batch.messageId], ["EndToEndId", p.endToEndId]]],
    v08 && ["Amt", amount, { Ccy: p.currency }],
    v08 && ["CdtDbtInd", line.creditDebit],
    !v08 && ["AmtDtls", [["TxAmt", [["Amt", amount, { Ccy: p.currency }]]]]],
    [
      "RltdPties",
      [
        ["Dbtr", party(batch.debtor.name)],
        ["DbtrAcct", [["Id", [["IBAN", batch.debtor.iban]]]]],
        ["Cdtr", party(p.creditor.name)],
        ["CdtrAcct", [["Id", [["IBAN", p.creditor.iban]]]]],
      ],
    ],
    p.remittance !== undefined && ["RmtInf", [["Ustrd", p.remittance]]],
    line.reason !== undefined && ["RtrInf", [["Rsn", [["Cd", line.reason]]]]],
  ];
  return [
    "Ntry",
    [
      ["NtryRef", line.ref],
      ["Amt", amount, { Ccy: p.currency }],
      ["CdtDbtInd", line.creditDebit],
      line.reversal !== undefined && ["RvslInd", String(line.reversal)],
      v08 ? ["Sts", [["Cd", "BOOK"]]] : ["Sts", "BOOK"],
      ["BookgDt", [["Dt", o.bookingDate]]],
      ["ValDt", [["Dt", o.bookingDate]]],
      ["AcctSvcrRef", `SVC-${line.ref}`],
      ["BkTxCd", [["Domn", [["Cd", "PMNT"], ["Fmly", [["Cd", "ICDT"], ["SubFmlyCd", family]]]]]]],
      ["NtryDtls", [["TxDtls", tx]]],
    ],
  ];
}

function balance(type: string, amount: DecimalValue, date: string): XmlElement {
  return [
    "Bal",
    [
      ["Tp", [["CdOrPrtry", [["Cd", type]]]]],
      ["Amt", amount.abs().toFixed(2), { Ccy: "EUR" }],
      ["CdtDbtInd", amount.isNegative() ? "DBIT" : "CRDT"],
      ["Dt", [["Dt", date]]],
    ],
  ];
}

/** The statement as text chunks (streams like the real thing for the 10,000-entry bench). */
export function* camt053ChunksFromBatch(batch: TCreditTransferBatch, o: TStatementOptions): Generator<string> {
  const skip = new Set(o.skip ?? []);
  const byId = new Map(batch.payments.map((p) => [p.endToEndId, p]));
  const lines: TLine[] = batch.payments.filter((p) => !skip.has(p.endToEndId)).map((p, i) => ({ payment: p, creditDebit: "DBIT", ref: `E${i + 1}` }));
  for (const r of o.returns ?? []) lines.push({ payment: byId.get(r.endToEndId)!, creditDebit: "CRDT", reason: r.reason, ref: `R${lines.length + 1}` });
  for (const id of o.reversals ?? []) lines.push({ payment: byId.get(id)!, creditDebit: "CRDT", reversal: true, ref: `V${lines.length + 1}` });
  const debits = sumAmounts(lines.filter((l) => l.creditDebit === "DBIT").map((l) => l.payment.amount));
  const credits = sumAmounts(lines.filter((l) => l.creditDebit === "CRDT").map((l) => l.payment.amount));
  const opening = new Decimal(o.opening);
  const closing = opening.minus(debits).plus(credits);
  const count = (cd: string) => String(lines.filter((l) => l.creditDebit === cd).length);
  const created = `${o.bookingDate}T22:00:00Z`;
  yield xmlDeclaration + `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${o.version}">\n  <BkToCstmrStmt>\n`;
  yield xmlElement(["GrpHdr", [["MsgId", `STMT-${o.statementId}`], ["CreDtTm", created]]], 2);
  const head: XmlElement[] = [
    ["Id", o.statementId],
    ["ElctrncSeqNb", "1"],
    ["CreDtTm", created],
    ["Acct", [["Id", [["IBAN", batch.debtor.iban]]], ["Ccy", "EUR"]]],
    balance("OPBD", opening, o.bookingDate),
    balance("CLBD", closing, o.bookingDate),
    [
      "TxsSummry",
      [
        ["TtlNtries", [["NbOfNtries", String(lines.length)]]],
        ["TtlCdtNtries", [["NbOfNtries", count("CRDT")], ["Sum", credits.toFixed(2)]]],
        ["TtlDbtNtries", [["NbOfNtries", count("DBIT")], ["Sum", debits.toFixed(2)]]],
      ],
    ],
  ];
  yield "    <Stmt>\n" + head.map((el) => xmlElement(el, 3)).join("");
  let chunk = "";
  for (let i = 0; i < lines.length; i++) {
    chunk += xmlElement(entry(lines[i]!, o, batch), 3);
    if (i % 200 === 199) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + "    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n";
}

export const camt053FromBatch = (batch: TCreditTransferBatch, o: TStatementOptions) => [...camt053ChunksFromBatch(batch, o)].join("");

/** A batch of n EUR payments to valid SEPA IBANs (for tests and the bench). */
export function sampleBatch(n: number, ibans: readonly string[]): TCreditTransferBatch {
  const payments: TCreditTransfer[] = Array.from({ length: n }, (_, i) => ({
    endToEndId: `MOST-G${String(i + 1).padStart(6, "0")}-T1`,
    // Cents that floats would get wrong when summed (0.1 + 0.2…).
    amount: `${(i % 9000) + 1}.${String((i * 7) % 100).padStart(2, "0")}`,
    currency: "EUR",
    creditor: { name: `Grantee ${i + 1} e.V.`, iban: ibans[i % ibans.length]!, ...(i % 3 === 0 ? { bic: "COBADEFFXXX" } : {}) },
    remittance: `Grant G${String(i + 1).padStart(6, "0")} tranche 1`,
  }));
  return {
    messageId: `MOST-BATCH-${n}`,
    createdAt: new Date("2026-12-02T09:00:00Z"),
    debtor: { name: "Free Media Fund", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
    requestedExecutionDate: "2026-12-03",
    payments,
  };
}

