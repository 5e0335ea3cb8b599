// Exchange rates: ECB reference rates, units of a currency per 1 EUR. A value date uses
// its own day's rate or the last one before it (weekends and holidays have none).
import "server-only";
import type { Tx } from "../db";
import { Prisma } from "../db";
import { AppError } from "../errors";

export type FxRateUsed = { perEur: Prisma.Decimal; date: Date };

export async function rateForValueDate(tx: Tx, currency: string, valueDate: Date): Promise<FxRateUsed> {
  if (currency === "EUR") return { perEur: new Prisma.Decimal(1), date: valueDate };
  const rate = await tx.fxRate.findFirst({
    where: { currency, date: { lte: valueDate } },
    orderBy: { date: "desc" },
  });
  if (!rate) throw new AppError("fxMissing", undefined, { currency });
  return { perEur: rate.perEur, date: rate.date };
}

/** Amount in EUR at a rate given as units per EUR, to the cent (half-up). */
export function toEur(amount: Prisma.Decimal | string, perEur: Prisma.Decimal): Prisma.Decimal {
  return new Prisma.Decimal(amount).div(perEur).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}
