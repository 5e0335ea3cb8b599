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

// Characters that may group the digits of the whole part (always in threes). A comma or a
// dot groups only when it is not the decimal separator.
const GROUP_SEPARATORS = new Set([" ", "\u00a0", "\u202f", "'", ",", "."]);

/**
 * Normalises what people type: "1 800 000,50", "1,800,000.50", "1800000.5" → "1800000.50".
 * One rule for every amount field (docs/decisions/0010-request-limits-and-input.md): the decimal separator
 * is a dot, or a comma followed by one or two digits; digits before it may be grouped in threes
 * by one kind of separator (a dot only before a decimal comma). Anything that could be read two
 * ways ("1,2,3", "12,34,567", "1.234") returns null: it is refused, never rewritten.
 */
export function normaliseAmount(input: string): string | null {
  const s = input.trim();
  if (s === "" || s.length > 40) return null;
  const at = Math.max(s.lastIndexOf("."), s.lastIndexOf(","));
  const tail = at > -1 ? s.slice(at + 1) : "";
  const isDecimal = at > -1 && (s[at] === "." || /^\d{1,2}$/.test(tail));
  const decimal = isDecimal ? s[at] : null;
  const whole = isDecimal ? s.slice(0, at) : s;
  const frac = isDecimal ? tail : "";
  if (decimal && !/^\d{1,2}$/.test(frac)) return null;
  const separators = new Set(whole.replace(/\d/g, ""));
  if (separators.size > 1) return null;
  const [sep] = separators;
  if (sep !== undefined) {
    if (!GROUP_SEPARATORS.has(sep) || sep === decimal || (sep === "." && decimal !== ",")) return null;
    const groups = whole.split(sep);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
  }
  const digits = sep === undefined ? whole : whole.split(sep).join("");
  if (!isDecimalText(frac ? `${digits}.${frac}` : digits, 12, 2)) return null;
  return `${BigInt(digits).toString()}.${frac.padEnd(2, "0")}`;
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
