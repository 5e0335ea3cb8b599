import { describe, expect, it } from "vitest";
import { fromCents, normaliseAmount, toCents } from "@/lib/amounts";
import { checkBudget, type CallRules } from "@/lib/applications/budget-rules";

const rules: CallRules = { minGrant: "10000.00", maxGrant: "100000.00", cofinancingPct: "10.00", overheadLimitPct: "7.00" };

describe("amount input", () => {
  it.each([
    ["1500", "1500.00"],
    ["1 500,50", "1500.50"],
    ["1\u00a0500,5", "1500.50"],
    ["1,500.25", "1500.25"],
    ["1.500,25", "1500.25"],
    ["1,500", "1500.00"],
    ["0.1", "0.10"],
    ["007", "7.00"],
    ["", null],
    ["-5", null],
    ["12.345", null],
    ["1e5", null],
    ["abc", null],
    ["9999999999999", null],
  ])("%j → %j", (input, expected) => {
    expect(normaliseAmount(input)).toBe(expected);
  });

  it("converts to and from cents exactly", () => {
    expect(toCents("1800000.50")).toBe(180000050n);
    expect(fromCents(180000050n)).toBe("1800000.50");
    expect(fromCents(-5n)).toBe("-0.05");
    // 0.1 + 0.2 is exactly 0.30 here, unlike with floats.
    expect(fromCents(toCents("0.10") + toCents("0.20"))).toBe("0.30");
  });
});

describe("budget rules of a call", () => {
  const lines = (...amounts: string[]) => amounts.map((amount) => ({ category: "ACTIVITIES" as const, amount }));

  it("accepts a budget that adds up, is in range and is co-financed enough", () => {
    const r = checkBudget({ requestedAmount: "50000.00", cofinancingAmount: "5555.56", lines: lines("30000.00", "20000.00") }, rules);
    expect(r.errors).toEqual({});
    expect(r.totals.lines).toBe("50000.00");
  });

  it("flags lines that do not add up to the request", () => {
    const r = checkBudget({ requestedAmount: "50000.00", cofinancingAmount: "6000.00", lines: lines("30000.00", "19999.99") }, rules);
    expect(r.errors.lines).toBe("errors.budget.totalMismatch");
  });

  it.each([
    ["9999.99", true],
    ["10000.00", false],
    ["100000.00", false],
    ["100000.01", true],
  ])("requested %s out of range: %s", (requested, out) => {
    const r = checkBudget({ requestedAmount: requested, cofinancingAmount: "20000.00", lines: lines(requested) }, rules);
    expect(Boolean(r.errors.requestedAmount)).toBe(out);
  });

  it("requires co-financing of at least the call's share of the whole project", () => {
    // 10% of (45000 + 5000) = 5000: exactly enough; one cent less is not.
    const ok = checkBudget({ requestedAmount: "45000.00", cofinancingAmount: "5000.00", lines: lines("45000.00") }, rules);
    const low = checkBudget({ requestedAmount: "45000.00", cofinancingAmount: "4999.99", lines: lines("45000.00") }, rules);
    expect(ok.errors.cofinancingAmount).toBeUndefined();
    expect(low.errors.cofinancingAmount).toBe("errors.budget.cofinancingTooLow");
    expect(ok.totals.cofinancingPct).toBe("10.00");
  });

  it("does not require co-financing when the call asks for none", () => {
    const r = checkBudget({ requestedAmount: "45000.00", cofinancingAmount: null, lines: lines("45000.00") }, { ...rules, cofinancingPct: "0" });
    expect(r.errors).toEqual({});
  });

  it("flags overheads above the limit without blocking", () => {
    const budget = (overheads: string, rest: string) => ({
      requestedAmount: "10000.00",
      cofinancingAmount: "2000.00",
      lines: [
        { category: "OVERHEADS" as const, amount: overheads },
        { category: "STAFF" as const, amount: rest },
      ],
    });
    expect(checkBudget(budget("700.00", "9300.00"), rules).overheadsAboveLimit).toBe(false);
    const over = checkBudget(budget("700.01", "9299.99"), rules);
    expect(over.overheadsAboveLimit).toBe(true);
    expect(over.errors).toEqual({});
    expect(over.totals.overheadPct).toBe("7.00");
  });
});
