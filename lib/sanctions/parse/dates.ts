// Dates as the publishers write them, to ListBirthDate (exact, month-year, year only, circa, ranges).
import type { ListBirthDate } from "../types";

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

/** "1937-04-28", "1971-00-00", "1971-04", "1971"; with an optional time part. */
export function parseIsoDate(s: string, circa = false): ListBirthDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/.exec(s.trim());
  return m ? birthDate(+m[1], m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined, circa) : null;
}

/** Day-month-year with "/" or ".", unknown parts as 00 or the placeholders "dd"/"mm" (UK, Russia). */
export function parseDmy(s: string, circa = false): ListBirthDate | null {
  const m = /^(\d{1,2}|dd|00?)[/.](\d{1,2}|mm|00?)[/.](\d{4})$/i.exec(s.trim());
  if (!m) {
    const y = /^(\d{4})$/.exec(s.trim());
    return y ? birthDate(+y[1], undefined, undefined, circa) : null;
  }
  const day = /^\d+$/.test(m[1]) ? +m[1] : undefined;
  const month = /^\d+$/.test(m[2]) ? +m[2] : undefined;
  return birthDate(+m[3], month, day, circa);
}

/** OFAC style: "14 Jun 1975", "Jun 1975", "1975", "circa 1975", "1960 to 1962", "between 1960 and 1962". */
export function parseTextDate(raw: string): ListBirthDate | null {
  let s = raw.trim().replace(/\.$/, "");
  let circa = false;
  const c = /^(circa|approximately|approx\.?|ca\.?|about)\s+/i.exec(s);
  if (c) {
    circa = true;
    s = s.slice(c[0].length);
  }
  const range = /^(?:between\s+)?(.+?)\s+(?:to|and|-)\s+(.+)$/i.exec(s);
  if (range) {
    const from = parseTextDate(range[1]);
    const to = parseTextDate(range[2]);
    if (!from || !to || from.year === undefined || to.year === undefined || to.year < from.year) return null;
    if (from.year === to.year && from.date && from.date === to.date) return { ...from, circa };
    return { year: from.year, yearTo: to.year, circa };
  }
  let m = /^(\d{1,2}) ([A-Za-z]{3,4})[a-z]*\.? (\d{4})$/.exec(s);
  if (m) return MONTHS[m[2].toLowerCase()] ? birthDate(+m[3], MONTHS[m[2].toLowerCase()], +m[1], circa) : null;
  m = /^([A-Za-z]{3,4})[a-z]*\.? (\d{4})$/.exec(s);
  if (m) return MONTHS[m[1].toLowerCase()] ? birthDate(+m[2], MONTHS[m[1].toLowerCase()], undefined, circa) : null;
  return parseIsoDate(s, circa) ?? parseDmy(s, circa);
}

/** A listing / publication date to YYYY-MM-DD (ISO, dd/mm/yyyy, dd.mm.yyyy, MM/DD/YYYY when `us`). */
export function toIsoDay(raw: string | undefined | null, us = false): string | undefined {
  const s = (raw ?? "").trim();
  if (!s) return undefined;
  if (us) {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (m) return birthDate(+m[3], +m[1], +m[2])?.date;
  }
  return (parseIsoDate(s) ?? parseDmy(s) ?? parseTextDate(s))?.date;
}
