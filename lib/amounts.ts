// Exact money arithmetic that runs in the browser too: amounts as BigInt cents.
// (Server code uses Prisma.Decimal; both agree because amounts have two decimals.)
import { formatDecimal } from "./i18n/formats";

/** "123" or "123.4" with at most `whole` and `fraction` digits (split, not a nested regex). */
export function isDecimalText(s: string, whole: number, fraction: number): boolean {
  const parts = s.split(".");
  if (parts.length > 2) return false;
  const [w, f] = parts;
  if (!w || w.length > whole || !/^\d+$/.test(w)) return false;
  return f === undefined || (f.length >= 1 && f.length <= fraction && /^\d+$/.test(f));
}

/**
 * Normalises what people type: "1 800 000,50", "1,800,000.50", "1800000.5" → "1800000.50".
 * Returns null when it is not an amount.
 */
export function normaliseAmount(input: string): string | null {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (s === "") return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma > -1 && lastDot > -1) {
    // Both present: the later one is the decimal separator.
    s = lastComma > lastDot ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
  } else if (lastComma > -1) {
    // Only commas: a single comma followed by 1–2 digits is a decimal separator.
    s = /^\d+,\d{1,2}$/.test(s) ? s.replace(",", ".") : s.replace(/,/g, "");
  }
  if (!isDecimalText(s, 12, 2)) return null;
  const [whole, frac = ""] = s.split(".");
  return `${BigInt(whole!).toString()}.${frac.padEnd(2, "0")}`;
}

export function toCents(amount: string): bigint {
  const [whole, frac = ""] = amount.split(".");
  const sign = whole!.startsWith("-") ? -1n : 1n;
  const w = BigInt(whole!.replace("-", ""));
  return sign * (w * 100n + BigInt(frac.padEnd(2, "0").slice(0, 2)));
}

/** Cents of a normalised amount, or null when the text is not one (for cross-field checks after a field already failed). */
export function centsOrNull(amount: unknown): bigint | null {
  if (typeof amount !== "string") return null;
  return isDecimalText(amount.startsWith("-") ? amount.slice(1) : amount, 15, 2) ? toCents(amount) : null;
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** A percentage with up to two decimals ("7", "12.5") as basis points. */
export function toBasisPoints(pct: string): bigint {
  return toCents(pct);
}

/** Formats a decimal string exactly (Intl accepts strings, so no float is involved). */
export function formatAmount(amount: string, locale: string): string {
  return formatDecimal(amount, locale, { min: 2, max: 2 });
}
