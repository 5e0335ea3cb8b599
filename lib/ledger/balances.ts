// Balances are never stored: they are sums over the ledger, checked against the
// tranche schedule and the grant amount (reconciliation).
import { Prisma } from "@prisma/client";

type Entry = { id: bigint; kind: "COMMITMENT" | "DISBURSEMENT" | "REVERSAL"; amount: Prisma.Decimal; eurAmount: Prisma.Decimal; reversesId: bigint | null };
type Tranche = { plannedAmount: Prisma.Decimal; status: string };

export type Balances = { committed: string; disbursed: string; remaining: string; disbursedEur: string };

export function computeBalances(entries: Entry[]): Balances {
  const kindOf = new Map(entries.map((e) => [e.id, e.kind]));
  let committed = new Prisma.Decimal(0);
  let disbursed = new Prisma.Decimal(0);
  let disbursedEur = new Prisma.Decimal(0);
  for (const e of entries) {
    const kind = e.kind === "REVERSAL" && e.reversesId !== null ? kindOf.get(e.reversesId) : e.kind;
    if (kind === "COMMITMENT") committed = committed.plus(e.amount);
    if (kind === "DISBURSEMENT") {
      disbursed = disbursed.plus(e.amount);
      disbursedEur = disbursedEur.plus(e.eurAmount);
    }
  }
  return {
    committed: committed.toFixed(2),
    disbursed: disbursed.toFixed(2),
    remaining: committed.minus(disbursed).toFixed(2),
    disbursedEur: disbursedEur.toFixed(2),
  };
}

/** What can fail to reconcile (shown translated: grant.reconcileProblem.*). */
export const RECONCILE_PROBLEMS = ["committedDiffersFromGrant", "disbursedDiffersFromPaidTranches", "scheduleDiffersFromGrant", "overpaid"] as const;
export type ReconcileProblem = (typeof RECONCILE_PROBLEMS)[number];
export type Reconciliation = { ok: boolean; problems: ReconcileProblem[] };

/** Ledger vs tranches vs grant total: the three must agree. */
export function reconcile(grant: { amount: Prisma.Decimal; status: string }, tranches: Tranche[], entries: Entry[]): Reconciliation {
  const b = computeBalances(entries);
  const problems: ReconcileProblem[] = [];
  if (grant.status !== "TERMINATED" && !new Prisma.Decimal(b.committed).equals(grant.amount)) problems.push("committedDiffersFromGrant");
  const paid = tranches.filter((t) => t.status === "PAID").reduce((acc, t) => acc.plus(t.plannedAmount), new Prisma.Decimal(0));
  if (!paid.equals(b.disbursed)) problems.push("disbursedDiffersFromPaidTranches");
  const planned = tranches.filter((t) => t.status !== "CANCELLED").reduce((acc, t) => acc.plus(t.plannedAmount), new Prisma.Decimal(0));
  if (tranches.length > 0 && grant.status === "ACTIVE" && !planned.equals(grant.amount)) problems.push("scheduleDiffersFromGrant");
  if (new Prisma.Decimal(b.disbursed).greaterThan(grant.amount)) problems.push("overpaid");
  return { ok: problems.length === 0, problems };
}
