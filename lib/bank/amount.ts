// Amounts in bank files are decimal strings, checked as text and summed with Decimal (never a
// float). Minor units per currency come from Intl (ISO 4217 data shipped with Node), not a table.
import { isDecimalText } from "@/lib/amounts";
import { Decimal, type DecimalValue } from "@/lib/money";

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** An active ISO 4217 code known to the platform ("EUR", "USD"; not "XYZ", not "eur"). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

const digitsCache = new Map<string, number>();
/** Minor units of a currency: EUR 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/**
 * True for a positive amount written as plain decimal text with at most the currency's minor
 * units and at most `maxWhole` digits before the point (pain.001: 18 digits in all).
 */
export function isPaymentAmount(amount: string, currency: string, maxWhole = 13): boolean {
  // Plain decimal text: no sign, exponent, grouping or leading zero ("1500", "12.5", "0.01").
  if (!isDecimalText(amount, maxWhole, currencyDigits(currency))) return false;
  if (amount.length > 1 && amount.startsWith("0") && amount[1] !== ".") return false;
  return new Decimal(amount).greaterThan(0);
}

/** Exact sum; `toFixed()` of the result never uses an exponent. */
export function sumAmounts(amounts: Iterable<string>): DecimalValue {
  let total = new Decimal(0);
  for (const a of amounts) total = total.plus(a);
  return total;
}
