// Wall-clock times typed in a form are in the person's time zone; the database stores instants.
import { TZDate } from "@date-fns/tz";

/** "2027-01-31T23:59" in `zone` → the instant. */
export function wallTimeToInstant(wall: string, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) throw new Error("bad wall time");
  const [, y, mo, d, h, mi] = m.map(Number) as number[];
  return new Date(new TZDate(y!, mo! - 1, d!, h!, mi!, zone).getTime());
}

/** The instant as "YYYY-MM-DDTHH:mm" on the wall clock of `zone` (for datetime-local inputs). */
export function instantToWallTime(instant: Date, zone: string): string {
  const t = new TZDate(instant.getTime(), zone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
}

/** The UTC calendar day `days` from now, as YYYY-MM-DD (form defaults). */
export function isoDayFromNow(days = 0, now = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
