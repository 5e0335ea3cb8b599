// Numbers, amounts, dates and countries in the reader's language (lib/i18n/formats.ts).
import { describe, expect, it, vi } from "vitest";
import { formatAmount } from "@/lib/amounts";
import { countryName } from "@/lib/countries";
import { formatterFor } from "@/lib/i18n/formats";
import { formatMoney } from "@/lib/money";

// Intl separates groups with narrow or ordinary no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const f = (locale: string) => formatterFor(locale, "Europe/Prague");
const instant = new Date("2026-12-01T09:30:00Z");

describe("reader's formats", () => {
  it("writes English dates British style: day, month, year", () => {
    expect(f("en").dateTime(instant, { dateStyle: "medium" })).toBe("1 Dec 2026");
    expect(f("en").dateTime(instant, { dateStyle: "short", timeStyle: "short" })).toBe("01/12/2026, 10:30");
    expect(f("en").day("2027-01-31", "long")).toBe("31 January 2027");
  });

  it("writes Russian, Czech and Ukrainian dates their own way", () => {
    expect(plain(f("ru").dateTime(instant, { dateStyle: "medium" }))).toBe("1 дек. 2026 г.");
    expect(plain(f("cs").dateTime(instant, { dateStyle: "medium" }))).toBe("1. 12. 2026");
    expect(plain(f("uk").dateTime(instant, { dateStyle: "medium" }))).toBe("1 груд. 2026 р.");
  });

  it("keeps a calendar day on its day in every zone", () => {
    expect(formatterFor("en", "America/Los_Angeles").day("2027-01-01")).toBe("1 Jan 2027");
    expect(formatterFor("en", "Pacific/Kiritimati").day(new Date("2027-01-01T00:00:00Z"))).toBe("1 Jan 2027");
  });

  it("uses the locale's decimal separator for rates, scores and amounts", () => {
    expect(f("cs").decimal("25.18700000")).toBe("25,187");
    expect(f("ru").decimal("25.187")).toBe("25,187");
    expect(f("en").decimal("25.187")).toBe("25.187");
    expect(`${f("cs").decimal("4.5", { min: 2, max: 2 })} ± ${f("cs").decimal("1", { min: 2, max: 2 })}`).toBe("4,50 ± 1,00");
    expect(plain(f("cs").amount("1800000.50"))).toBe("1 800 000,50");
    expect(plain(f("ru").amount("1800000.50"))).toBe("1 800 000,50");
    expect(plain(f("uk").amount("1800000.50"))).toBe("1 800 000,50");
    expect(f("en").amount("1800000.50")).toBe("1,800,000.50");
  });

  it("formats amounts exactly, beyond a float's precision", () => {
    expect(f("en").amount("123456789012.35")).toBe("123,456,789,012.35");
    expect(plain(f("cs").money("123456789012.35", "EUR"))).toBe("123 456 789 012,35 €");
  });

  it("names countries in the reader's language", () => {
    expect(f("ru").country("RU")).toBe("Россия");
    expect(f("cs").country("CZ")).toBe("Česko");
    expect(f("uk").country("UA")).toBe("Україна");
    expect(f("en").country("GE")).toBe("Georgia");
  });

  it("the older helpers agree with the formatter", () => {
    expect(formatMoney("1234.5", "CZK", "cs")).toBe(f("cs").money("1234.5", "CZK"));
    expect(formatAmount("1234.5", "ru")).toBe(f("ru").amount("1234.5"));
    expect(countryName("RU", "cs")).toBe(f("cs").country("RU"));
  });

  it("says how long ago without falling back to a logged error", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const now = new Date("2026-12-01T12:00:00Z");
    expect(formatterFor("en", "UTC", now).relativeTime(new Date("2026-12-01T10:00:00Z"))).toBe("2 hours ago");
    expect(formatterFor("ru", "UTC", now).relativeTime(new Date("2026-11-28T12:00:00Z"))).toBe("3 дня назад");
    expect(formatterFor("uk", "UTC", now).relativeTime(new Date("2026-11-28T12:00:00Z"))).toBe("3 дні тому");
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
