// Imports ECB euro reference rates from the CSV the ECB publishes: the daily file
// ("Date, USD, JPY, …" then "25 November 2026, 1.0842, …") and the history file
// ("Date,USD,…" then "2026-11-25,1.0842,…", with N/A where there is no rate).
import "server-only";
import type { Actor } from "../auth/actor";
import { canPlatform } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { isDecimalText } from "../amounts";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function parseDate(text: string): Date | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase());
    if (month >= 0) return new Date(Date.UTC(+m[3]!, month, +m[1]!));
  }
  return null;
}

export type FxRow = { currency: string; date: Date; perEur: string };

/** Pure parser; throws a validation error naming the first bad line. */
export function parseEcbCsv(csv: string): FxRow[] {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]?.split(",").map((h) => h.trim());
  if (!header || header[0]?.toLowerCase() !== "date") throw new AppError("validation", { file: "errors.fx.header" });
  const rows: FxRow[] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    const cells = line.split(",").map((c) => c.trim());
    const date = parseDate(cells[0] ?? "");
    if (!date) throw new AppError("validation", { file: "errors.fx.line" }, { line: i + 2 });
    header.slice(1).forEach((currency, j) => {
      const value = cells[j + 1];
      if (!currency || !/^[A-Z]{3}$/.test(currency) || !value || value === "N/A") return;
      if (!isDecimalText(value, 8, 8) || /^[0.]+$/.test(value)) throw new AppError("validation", { file: "errors.fx.line" }, { line: i + 2 });
      rows.push({ currency, date, perEur: value });
    });
  }
  if (rows.length === 0) throw new AppError("validation", { file: "errors.fx.empty" });
  return rows;
}

/** Adds or corrects rates; returns how many were written. */
export async function importEcbRates(actor: Actor | null, csv: string) {
  if (actor && !canPlatform(actor, "fx.manage")) throw new AppError("forbidden");
  const rows = parseEcbCsv(csv);
  return db.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await tx.$executeRaw`
        INSERT INTO "FxRate" (currency, date, "perEur")
        SELECT * FROM UNNEST(${chunk.map((r) => r.currency)}::text[], ${chunk.map((r) => r.date)}::date[], ${chunk.map((r) => r.perEur)}::numeric[])
        ON CONFLICT (currency, date) DO UPDATE SET "perEur" = EXCLUDED."perEur"`;
    }
    const dates = rows.map((r) => r.date.getTime());
    await writeAudit(tx, actor ? { userId: actor.userId, role: "ADMIN" } : null, {
      action: "fx.imported",
      entityType: "FxRate",
      after: { rates: rows.length, from: new Date(Math.min(...dates)), to: new Date(Math.max(...dates)), currencies: [...new Set(rows.map((r) => r.currency))].length },
    });
    return rows.length;
  }, { timeout: 120_000 });
}

export async function latestRates(actor: Actor) {
  if (!canPlatform(actor, "fx.manage")) throw new AppError("forbidden");
  return db.$queryRaw<{ currency: string; date: Date; perEur: string }[]>`
    SELECT DISTINCT ON (currency) currency, date, "perEur"::text AS "perEur" FROM "FxRate" ORDER BY currency, date DESC`;
}
