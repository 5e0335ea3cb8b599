// The call's money rules for an application, shared by the form (live feedback) and the
// server (the check that counts). Pure and exact (BigInt cents).
import { fromCents, toBasisPoints, toCents } from "../amounts";

export const BUDGET_CATEGORIES = ["STAFF", "ACTIVITIES", "EQUIPMENT", "TRAVEL", "SECURITY", "OVERHEADS", "OTHER"] as const;
export type BudgetCategoryCode = (typeof BUDGET_CATEGORIES)[number];

export type CallRules = {
  minGrant: string;
  maxGrant: string;
  cofinancingPct: string;
  overheadLimitPct: string;
};

export type BudgetInput = {
  requestedAmount: string | null;
  cofinancingAmount: string | null;
  lines: Array<{ category: BudgetCategoryCode; amount: string | null }>;
};

export type BudgetCheck = {
  /** Field path → catalogue key (blocking at submission). */
  errors: Record<string, string>;
  /** Warnings shown to applicant and staff; they do not block. */
  overheadsAboveLimit: boolean;
  totals: { lines: string; overheads: string; overheadPct: string; cofinancingPct: string };
};

export function checkBudget(input: BudgetInput, rules: CallRules): BudgetCheck {
  const errors: Record<string, string> = {};
  const lineTotal = input.lines.reduce((sum, l) => sum + (l.amount ? toCents(l.amount) : 0n), 0n);
  const overheads = input.lines
    .filter((l) => l.category === "OVERHEADS")
    .reduce((sum, l) => sum + (l.amount ? toCents(l.amount) : 0n), 0n);
  const requested = input.requestedAmount ? toCents(input.requestedAmount) : null;
  const cofinancing = input.cofinancingAmount ? toCents(input.cofinancingAmount) : 0n;

  if (requested !== null) {
    if (lineTotal !== requested) errors.lines = "errors.budget.totalMismatch";
    if (requested < toCents(rules.minGrant) || requested > toCents(rules.maxGrant)) {
      errors.requestedAmount = "errors.budget.outOfRange";
    }
    // Co-financing: the applicant's own or other funds must be at least the call's
    // percentage of the whole project cost (requested + co-financing).
    const pct = toBasisPoints(rules.cofinancingPct);
    if (pct > 0n && cofinancing * 10000n < pct * (requested + cofinancing)) {
      errors.cofinancingAmount = "errors.budget.cofinancingTooLow";
    }
  }
  const limit = toBasisPoints(rules.overheadLimitPct);
  const overheadsAboveLimit = lineTotal > 0n && overheads * 10000n > limit * lineTotal;
  const project = (requested ?? lineTotal) + cofinancing;
  return {
    errors,
    overheadsAboveLimit,
    totals: {
      lines: fromCents(lineTotal),
      overheads: fromCents(overheads),
      overheadPct: lineTotal > 0n ? fromCents((overheads * 10000n) / lineTotal) : "0.00",
      cofinancingPct: project > 0n ? fromCents((cofinancing * 10000n) / project) : "0.00",
    },
  };
}
