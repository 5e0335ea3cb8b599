// The one way to show numbers, amounts, dates and country names to a person: in the reader's
// language through Intl. Pages take it from getFormats() (lib/i18n/server-formats.ts), client
// components from useFormats() (lib/i18n/use-formats.ts); files and e-mail call formatterFor().
import { createFormatter } from "use-intl/core";
import { isLocale, type Locale } from "./locales";

// English is shown British style (day month year, 24-hour clock), not US style.
const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", cs: "cs-CZ", uk: "uk-UA" };

/** The Intl locale for a portal language ("en" → "en-GB"); other tags pass through. */
export function intlLocale(locale: string): string {
  return isLocale(locale) ? INTL_LOCALE[locale] : locale;
}

// Date formats shared by pages. Intl refuses dateStyle together with timeZoneName, so
// deadlines spell out their fields to show the zone ("31 January 2027, 23:59 CET").
export const DEADLINE_FORMAT = {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const;

export const DEADLINE_FORMAT_LONG = { ...DEADLINE_FORMAT, weekday: "long" } as const;

// Intl formats decimal strings exactly (no float on the way); the types only admit numbers.
type ExactNumberFormat = (value: string | number | bigint) => string;

/** A decimal string (or number) with a fixed number of fraction digits: "25.187" → "25,187" in Czech. */
export function formatDecimal(value: string | number, locale: string, fractionDigits: { min?: number; max?: number } = {}): string {
  const nf = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: fractionDigits.min ?? 0, maximumFractionDigits: fractionDigits.max ?? 8 });
  return (nf.format as ExactNumberFormat)(value);
}

/** A money amount with its currency: "1 800 000,50 Kč". */
export function formatCurrency(value: string, currency: string, locale: string): string {
  return (new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }).format as ExactNumberFormat)(value);
}

/** Country (ISO 3166-1 alpha-2) in the reader's language; the code itself when Intl has no name. */
const regionNames = new Map<string, Intl.DisplayNames>();

export function formatCountry(code: string, locale: string): string {
  const tag = intlLocale(locale);
  try {
    if (!regionNames.has(tag)) regionNames.set(tag, new Intl.DisplayNames([tag], { type: "region" }));
    return regionNames.get(tag)!.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * next-intl's formatter (dateTime, number, list, relativeTime) bound to the reader's Intl
 * locale, plus the portal's own: amounts, money, rates, calendar days, countries.
 */
export function formatterFor(locale: string, timeZone: string, now: Date = new Date()) {
  const tag = intlLocale(locale);
  // `now` fixed per render: without it next-intl logs ENVIRONMENT_FALLBACK for every
  // relative time and server and browser could disagree ("5 min ago" / "6 min ago").
  const base = createFormatter({ locale: tag, timeZone, now });
  return {
    ...base,
    /** A money amount with two decimals, no currency: "1 800 000,50". */
    amount: (value: string) => formatDecimal(value, tag, { min: 2, max: 2 }),
    /** A money amount with its currency: "1 800 000,50 Kč". */
    money: (value: string, currency: string) => formatCurrency(value, currency, tag),
    /** An exchange rate or score as stored (up to eight decimals), e.g. "25,187". */
    decimal: (value: string | number, fractionDigits?: { min?: number; max?: number }) => formatDecimal(value, tag, fractionDigits),
    /** A calendar day stored as YYYY-MM-DD (or a date-only column), shown without shifting zones. */
    day: (value: string | Date, style: "short" | "medium" | "long" = "medium") =>
      base.dateTime(typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value, { dateStyle: style, timeZone: "UTC" }),
    country: (code: string) => formatCountry(code, tag),
  };
}

export type Formats = ReturnType<typeof formatterFor>;
