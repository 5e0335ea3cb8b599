// The canonical content of a ledger row, as its audit event carries it (`after.ledgerEntry`)
// and as verification recomputes it from the table (lib/audit/ledger-proof.ts). One form
// for both sides: ids and amounts as strings at the column's scale, the value date as
// YYYY-MM-DD, the creation time as an ISO instant, absent values as null. Every column that
// matters for money and history is in it; the idempotency key (a form's dedupe token) is not.
// No identity data lives in a ledger row; a bank reference is a payment's, not a person's.

type DecimalLike = { toFixed(dp: number): string };

export type LedgerRowForProof = {
  id: bigint;
  grantId: string;
  trancheId: string | null;
  kind: string;
  amount: DecimalLike;
  currency: string;
  eurAmount: DecimalLike;
  eurRate: DecimalLike;
  valueDate: Date;
  reversesId: bigint | null;
  bankReference: string | null;
  paidCurrency: string | null;
  paidAmount: DecimalLike | null;
  paidFxRate: DecimalLike | null;
  noteCode: string | null;
  note: string | null;
  createdById: string;
  createdAt: Date;
};

export type LedgerProofContent = {
  id: string;
  grantId: string;
  trancheId: string | null;
  kind: string;
  amount: string;
  currency: string;
  eurAmount: string;
  eurRate: string;
  valueDate: string;
  reversesId: string | null;
  bankReference: string | null;
  paidCurrency: string | null;
  paidAmount: string | null;
  paidFxRate: string | null;
  noteCode: string | null;
  note: string | null;
  createdById: string;
  createdAt: string;
};

/** The columns the proof covers, in a fixed order (differences are named in this order). */
export const LEDGER_PROOF_FIELDS = [
  "id", "grantId", "trancheId", "kind", "amount", "currency", "eurAmount", "eurRate", "valueDate", "reversesId",
  "bankReference", "paidCurrency", "paidAmount", "paidFxRate", "noteCode", "note", "createdById", "createdAt",
] as const satisfies readonly (keyof LedgerProofContent)[];

/** Select for Prisma: exactly the columns ledgerProofContent reads. */
export const LEDGER_PROOF_SELECT = Object.fromEntries(LEDGER_PROOF_FIELDS.map((f) => [f, true])) as { [K in (typeof LEDGER_PROOF_FIELDS)[number]]: true };

export function ledgerProofContent(row: LedgerRowForProof): LedgerProofContent {
  return {
    id: row.id.toString(),
    grantId: row.grantId,
    trancheId: row.trancheId,
    kind: row.kind,
    amount: row.amount.toFixed(2),
    currency: row.currency,
    eurAmount: row.eurAmount.toFixed(2),
    eurRate: row.eurRate.toFixed(8),
    valueDate: row.valueDate.toISOString().slice(0, 10),
    reversesId: row.reversesId?.toString() ?? null,
    bankReference: row.bankReference,
    paidCurrency: row.paidCurrency,
    paidAmount: row.paidAmount?.toFixed(2) ?? null,
    paidFxRate: row.paidFxRate?.toFixed(8) ?? null,
    noteCode: row.noteCode,
    note: row.note,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The fields in which recorded content (an event's `after.ledgerEntry`, read back from
 * JSON) differs from the row's content. A field missing from the recorded content counts
 * as different; so does any field the recorded content has beyond the proof's own.
 */
export function ledgerProofDifferences(expected: LedgerProofContent, recorded: unknown): string[] {
  if (recorded === null || typeof recorded !== "object" || Array.isArray(recorded)) return [...LEDGER_PROOF_FIELDS];
  const r = recorded as Record<string, unknown>;
  const known = new Set<string>(LEDGER_PROOF_FIELDS);
  const differing: string[] = LEDGER_PROOF_FIELDS.filter((f) => !(f in r) || r[f] !== expected[f]);
  for (const k of Object.keys(r).sort()) if (!known.has(k)) differing.push(k);
  return differing;
}
