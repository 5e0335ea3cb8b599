// Dates as the publishers write them, to ListBirthDate (exact, month-year, year only, circa, ranges).
import type { ListBirthDate } from "../types";
import { collapse } from "./text";

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function valid(y: number, m?: number, d?: number): boolean {
  if (!(y >= 1800 && y <= 2200)) return false;
  if (m === undefined) return d === undefined;
  if (!(m >= 1 && m <= 12)) return false;
  if (d === undefined) return true;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= last;
}

/** Builds a ListBirthDate from parts (0 / undefined parts are unknown); null when impossible. */
export function birthDate(y: number, m?: number, d?: number, circa = false): ListBirthDate | null {
  const month = m ? m : undefined;
  const day = month && d ? d : undefined;
  if (!valid(y, month, day)) return null;
  const out: ListBirthDate = { year: y, circa };
  if (month) out.month = month;
  if (month && day) out.date = `${y}-${pad(month)}-${pad(day)}`;
  return out;
}

const num = (s: string | undefined): number | undefined => (s && /^\d+$/.test(s) ? Number(s) : undefined);

/** "1937-04-28", "1971-00-00", "1971-04", "1971"; with an optional time part. */
export function parseIsoDate(s: string, circa = false): ListBirthDate | null {
  const day = s.trim().split("T")[0] ?? "";
  const parts = day.split("-");
  if (parts.length > 3 || !/^\d{4}$/.test(parts[0] ?? "") || parts.slice(1).some((p) => !/^\d\d$/.test(p))) return null;
  return birthDate(Number(parts[0]), num(parts[1]), num(parts[2]), circa);
}

/** Day-month-year with "/" or ".", unknown parts as 00 or the placeholders "dd"/"mm" (UK, Russia). */
export function parseDmy(s: string, circa = false): ListBirthDate | null {
  const m = /^(\d{1,2}|dd)[/.](\d{1,2}|mm)[/.](\d{4})$/i.exec(s.trim());
  if (!m) {
    const y = num(s.trim());
    return y !== undefined && s.trim().length === 4 ? birthDate(y, undefined, undefined, circa) : null;
  }
  return birthDate(Number(m[3]), num(m[2]), num(m[1]), circa);
}

/** OFAC style: "14 Jun 1975", "Jun 1975", "1975", "circa 1975", "1960 to 1962", "between 1960 and 1962". */
export function parseTextDate(raw: string): ListBirthDate | null {
  let s = collapse(raw).replace(/\.$/, "");
  let circa = false;
  const c = /^(circa|approximately|approx\.?|ca\.?|about)\s+/i.exec(s);
  if (c) {
    circa = true;
    s = s.slice(c[0].length);
  }
  const range = s.replace(/^between /i, "").split(/ (?:to|and|-) /i);
  if (range.length === 2) {
    const from = parseTextDate(range[0] ?? "");
    const to = parseTextDate(range[1] ?? "");
    if (!from || !to || from.year === undefined || to.year === undefined || to.year < from.year) return null;
    if (from.year === to.year && from.date && from.date === to.date) return { ...from, circa };
    return { year: from.year, yearTo: to.year, circa };
  }
  let m = /^(\d{1,2}) ([A-Za-z]{3,4})[a-z]*\.? (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? "").toLowerCase()];
    return month ? birthDate(Number(m[3]), month, num(m[1]), circa) : null;
  }
  m = /^([A-Za-z]{3,4})[a-z]*\.? (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[1] ?? "").toLowerCase()];
    return month ? birthDate(Number(m[2]), month, undefined, circa) : null;
  }
  return parseIsoDate(s, circa) ?? parseDmy(s, circa);
}

/** A listing / publication date to YYYY-MM-DD (ISO, dd/mm/yyyy, dd.mm.yyyy, MM/DD/YYYY when `us`). */
export function toIsoDay(raw: string | undefined | null, us = false): string | undefined {
  const s = (raw ?? "").trim();
  if (!s) return undefined;
  if (us) {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (m) return birthDate(Number(m[3]), num(m[1]), num(m[2]))?.date;
  }
  return (parseIsoDate(s) ?? parseDmy(s) ?? parseTextDate(s))?.date;
}
