// Money is a decimal string (or Prisma.Decimal) with an ISO 4217 code; never a float.
import { Prisma } from "@prisma/client";
import { formatCurrency } from "./i18n/formats";

export type Money = { amount: string; currency: string };

export const Decimal = Prisma.Decimal;
export type DecimalValue = Prisma.Decimal;

export function toDecimal(value: string | number | Prisma.Decimal): Prisma.Decimal {
  return new Prisma.Decimal(value);
}

export function sumDecimals(values: Array<string | Prisma.Decimal>): Prisma.Decimal {
  return values.reduce<Prisma.Decimal>((acc, v) => acc.plus(v), new Prisma.Decimal(0));
}

/** Formats a decimal string exactly (Intl formats strings without going through floats). */
export function formatMoney(amount: string | Prisma.Decimal, currency: string, locale: string): string {
  return formatCurrency(typeof amount === "string" ? amount : amount.toFixed(2), currency, locale);
}

export const ISO_CURRENCY = /^[A-Z]{3}$/;
export const COMMON_CURRENCIES = ["EUR", "CZK", "USD", "PLN", "SEK", "NOK", "GBP", "GEL", "AMD", "KZT", "TRY", "RSD"] as const;
