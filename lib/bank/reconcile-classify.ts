// What each new statement line means for the portal's payments, decided from the lines and
// the batch payments they name as they stand under the import's locks. Pure: the import
// writes what this decides. Booked debits are decided before credits, so a payment booked
// and returned in one statement is recorded, then reversed. Matching is by the portal's
// end-to-end reference only; anything else is left to finance (with a candidate offered
// elsewhere, never applied here).
import type { BankLineIssue, BankLineOutcome } from "@prisma/client";
import { Decimal, type DecimalValue } from "../money";
import type { TStatementLine } from "./statement-lines";

export interface TItemState {
  id: string;
  endToEndId: string;
  trancheId: string;
  grantId: string;
  organisationId: string;
  funderId: string;
  debtorAccountId: string;
  batchStatus: "PREPARED" | "RELEASED" | "CANCELLED";
  open: boolean;
  amount: DecimalValue;
  currency: string;
  trancheStatus: string;
  /** The line that booked it, if any (and that line's bank reference). */
  booked: { lineId: string; bankReference: string | null; ledgerEntryId: bigint | null } | null;
  returned: { bankReference: string | null } | null;
}

export type TNewLine = TStatementLine & { id: string };

export interface TDecision {
  line: TNewLine;
  outcome: BankLineOutcome;
  issue: BankLineIssue | null;
  itemId: string | null;
  /** RETURNED: the booked line whose ledger entry it reverses (null: returned before booking). */
  reverses: { lineId: string; ledgerEntryId: bigint | null } | null;
  /** UNMATCHED: the one released payment it may be, offered to finance (statements-suggest.ts). */
  suggestedItemId?: string | null;
}

const sameRef = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a === b;

export function classifyLines(lines: TNewLine[], items: Map<string, TItemState>, account: { funderId: string; debtorAccountId: string }): TDecision[] {
  const ordered = [...lines.filter((l) => l.creditDebit === "DBIT"), ...lines.filter((l) => l.creditDebit === "CRDT")];
  // Lines decided in this import change the state the next line sees.
  const bookedNow = new Map<string, { lineId: string; bankReference: string | null }>();
  const returnedNow = new Set<string>();

  const decide = (line: TNewLine): TDecision => {
    const d = (outcome: BankLineOutcome, issue: BankLineIssue | null = null, itemId: string | null = null): TDecision => ({ line, outcome, issue, itemId, reverses: null });
    if (!line.booked) return d("IGNORED");
    const item = line.endToEndId ? items.get(line.endToEndId) : undefined;
    const ours = item && item.funderId === account.funderId && item.debtorAccountId === account.debtorAccountId ? item : undefined;
    if (line.creditDebit === "DBIT") {
      if (line.reversal) return ours ? d("UNMATCHED", "UNKNOWN_REFERENCE") : d("IGNORED");
      if (!line.endToEndId) return d("UNMATCHED", "NO_REFERENCE");
      // Another funder's payment looks like an unknown one: nothing about it is told.
      if (!ours) return d("UNMATCHED", item ? "OTHER_ACCOUNT" : "UNKNOWN_REFERENCE");
      if (ours.batchStatus !== "RELEASED") return d("UNMATCHED", "NOT_RELEASED");
      if (ours.currency !== line.currency || !ours.amount.equals(new Decimal(line.amount))) return d("UNMATCHED", "AMOUNT_MISMATCH");
      const booked = bookedNow.get(ours.id) ?? ours.booked;
      if (booked) return sameRef(booked.bankReference, line.bankReference) ? d("REPEATED", null, ours.id) : d("UNMATCHED", "ALREADY_BOOKED");
      if (!ours.open || returnedNow.has(ours.id) || ours.trancheStatus !== "APPROVED") return d("UNMATCHED", "NOT_OPEN");
      bookedNow.set(ours.id, { lineId: line.id, bankReference: line.bankReference ?? null });
      return d("BOOKED", null, ours.id);
    }
    // A credit: a return (or reversal) of our payment names its reference; other credits are not ours.
    if (!ours) return line.returnReason || line.reversal ? d("UNMATCHED", item ? "OTHER_ACCOUNT" : "RETURN_WITHOUT_PAYMENT") : d("IGNORED");
    if (ours.batchStatus !== "RELEASED") return d("UNMATCHED", "NOT_RELEASED");
    if (ours.currency !== line.currency || !ours.amount.equals(new Decimal(line.amount))) return d("UNMATCHED", "AMOUNT_MISMATCH");
    if (ours.returned || returnedNow.has(ours.id)) {
      return ours.returned && sameRef(ours.returned.bankReference, line.bankReference) ? d("REPEATED", null, ours.id) : d("UNMATCHED", "NOT_OPEN");
    }
    if (!ours.open) return d("UNMATCHED", "NOT_OPEN");
    returnedNow.add(ours.id);
    const now = bookedNow.get(ours.id);
    const reverses = now ? { lineId: now.lineId, ledgerEntryId: null } : ours.booked ? { lineId: ours.booked.lineId, ledgerEntryId: ours.booked.ledgerEntryId } : null;
    return { line, outcome: "RETURNED", issue: null, itemId: ours.id, reverses };
  };

  return ordered.map(decide);
}
