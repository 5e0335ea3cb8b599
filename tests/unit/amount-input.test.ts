// One rule for every amount field (lib/amounts.ts, used by zAmount): digits may be grouped
// in threes by spaces, apostrophes or commas (a dot groups only before a decimal comma);
// the decimal part has one or two digits. Anything that could be read two ways is refused.
import { describe, expect, it } from "vitest";
import { normaliseAmount } from "@/lib/amounts";
import { zAmount } from "@/lib/validation";

describe("amount input: clear forms are accepted", () => {
  it.each([
    ["1234.50", "1234.50"],
    ["1234,50", "1234.50"],
    ["1234,5", "1234.50"],
    ["1 234,50", "1234.50"],
    ["1\u202f234,50", "1234.50"],
    ["1'234.50", "1234.50"],
    ["1,234.50", "1234.50"],
    ["1.234,50", "1234.50"],
    ["1,234,567", "1234567.00"],
    ["1 234 567", "1234567.00"],
    ["  42  ", "42.00"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseAmount(input)).toBe(expected);
  });
});

describe("amount input: ambiguous or malformed forms are refused, never rewritten", () => {
  it.each([
    "1,2,3",
    "1 2 3",
    "12,34,567",
    "1,23,456.00",
    "1 23",
    "1,234,5",
    "1.234.567",
    "1 234,567",
    "1,234 567",
    "1'234,567.00",
    "1.",
    "1,",
    ",5",
    "1  234",
    "1\t234",
    "1.234",
  ])("%j is refused", (input) => {
    expect(normaliseAmount(input)).toBeNull();
  });

  it("the schema answers with the amount field error", () => {
    const r = zAmount.safeParse("1,2,3");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("errors.field.amount");
  });
});
