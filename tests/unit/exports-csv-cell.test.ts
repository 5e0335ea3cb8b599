// Spreadsheet formula injection: csvCell prefixes dangerous text with a quote and leaves
// plain text and our own decimal numbers alone.
import { isDecimalText } from "@/lib/amounts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/exports/writers";
import { IATI_REGION, regionOf } from "@/lib/regions";

const DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "\0"];
const decimal = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }))
  .map(([neg, whole, cents]) => `${neg ? "-" : ""}${whole}${cents === undefined ? "" : `.${String(cents).padStart(2, "0")}`}`);

describe("csvCell", () => {
  it("escapes each dangerous first character", () => {
    for (const c of DANGEROUS) expect(csvCell(`${c}cmd|' /C calc'!A0`)).toBe(`'${c}cmd|' /C calc'!A0`);
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("-")).toBe("'-");
  });

  it("keeps negative and positive amounts numeric", () => {
    expect(csvCell("-30000.00")).toBe("-30000.00");
    expect(csvCell("12244.90")).toBe("12244.90");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("never lets a non-number start with a dangerous character", () => {
    fc.assert(
      fc.property(fc.constantFrom(...DANGEROUS), fc.string(), (first, rest) => {
        const text = first + rest;
        const out = csvCell(text);
        if (text.startsWith("-") && isDecimalText(text.slice(1), 30, 10)) return out === text;
        return out === `'${text}`;
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves text that does not start dangerously unchanged", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => s === "" || !DANGEROUS.includes(s[0]!)), (text) => csvCell(text) === text),
      { numRuns: 2000 },
    );
  });

  it("leaves every decimal amount unchanged", () => {
    fc.assert(fc.property(decimal, (d) => csvCell(d) === d), { numRuns: 2000 });
  });
});

describe("IATI regions", () => {
  it("give every country of a region a code, America as 'America, regional'", () => {
    expect(regionOf("US")).toBe("AMERICAS");
    expect(IATI_REGION.AMERICAS).toBe("498");
    expect(IATI_REGION[regionOf("GE")]).toBe("619");
    expect(IATI_REGION[regionOf("XX")]).toBe("998");
  });
});
