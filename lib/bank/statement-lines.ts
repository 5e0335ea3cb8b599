// A parsed statement as the lines reconciliation looks at: one per transaction of an entry
// (a batch booked as one entry holds many), or the entry itself when it has no details.
// Pure; the key of each line is what makes a re-import change nothing.
import { maskAccount } from "./account";
import { statementEntryKey, type TStatement, type TStatementEntry } from "./camt053";

export interface TStatementLine {
  lineKey: string;
  entryIndex: number;
  txIndex: number;
  creditDebit: "CRDT" | "DBIT";
  reversal: boolean;
  entryStatus: string;
  booked: boolean;
  amount: string;
  currency: string;
  bookingDate?: string;
  valueDate?: string;
  /** The portal's reference, when the bank returned one ("NOTPROVIDED" is none). */
  endToEndId?: string;
  bankReference?: string;
  returnReason?: string;
  counterpartyMasked?: string;
}

// ISO 20022 references are at most 35 characters: a longer one cannot be ours and is not kept
// (never shortened into something that might match).
const ref35 = (s: string | undefined) => (s !== undefined && s.length <= 35 ? s : undefined);

/** A masked account from what the bank wrote (an IBAN or another number), never in clear. */
function masked(account: string | undefined): string | undefined {
  if (!account) return undefined;
  const compact = account.replace(/\s+/g, "").toUpperCase();
  const iban = /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact);
  return iban ? maskAccount({ kind: "sepa", iban: compact }) : maskAccount({ kind: "other", accountNumber: compact, bankCountry: "" }).trim();
}

function linesOfEntry(statement: TStatement, entry: TStatementEntry): TStatementLine[] {
  const key = statementEntryKey(statement, entry);
  const txs = entry.transactions.length > 0 ? entry.transactions : [undefined];
  return txs.map((tx, txIndex) => {
    // One transaction: the entry's amount is what was booked. Several: each its own.
    const amount = txs.length > 1 && tx?.amount ? tx.amount : { amount: entry.amount, currency: entry.currency };
    const creditDebit = (txs.length > 1 ? tx?.creditDebit : undefined) ?? entry.creditDebit;
    const e2e = tx?.endToEndId && tx.endToEndId.toUpperCase() !== "NOTPROVIDED" ? tx.endToEndId : undefined;
    // Our payment's other party is the creditor; on a return the bank may name either side.
    const other = creditDebit === "DBIT" ? tx?.creditorAccount : (tx?.creditorAccount ?? tx?.debtorAccount);
    return {
      lineKey: `${key}:${txIndex}`,
      entryIndex: entry.index,
      txIndex,
      creditDebit,
      reversal: entry.reversal,
      entryStatus: entry.status.slice(0, 8),
      booked: entry.booked,
      amount: amount.amount,
      currency: amount.currency,
      bookingDate: entry.bookingDate,
      valueDate: entry.valueDate,
      endToEndId: ref35(e2e),
      bankReference: ref35(tx?.accountServicerRef ?? entry.accountServicerRef),
      returnReason: ref35(tx?.returnReason),
      counterpartyMasked: masked(other),
    };
  });
}

export function statementLines(statement: TStatement): TStatementLine[] {
  return statement.entries.flatMap((e) => linesOfEntry(statement, e));
}
