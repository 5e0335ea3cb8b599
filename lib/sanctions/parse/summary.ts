// Counts of a parsed list: what `sanctions:import --dry-run` prints and what a version records.
import type { ListEntry, ListHeader } from "../types";

export interface ListSummary {
  entries: number;
  persons: number;
  organisations: number;
  other: number;
  names: number;
  weakNames: number;
  namesByScript: Record<string, number>;
  identifiers: number;
  birthDates: number;
  publicationDate?: string;
  warnings: string[];
}

export async function summariseList(entries: AsyncGenerator<ListEntry, ListHeader>): Promise<ListSummary> {
  const s: ListSummary = { entries: 0, persons: 0, organisations: 0, other: 0, names: 0, weakNames: 0, namesByScript: {}, identifiers: 0, birthDates: 0, warnings: [] };
  for (;;) {
    const r = await entries.next();
    if (r.done) {
      s.publicationDate = r.value.publicationDate;
      s.warnings = r.value.warnings ?? [];
      return s;
    }
    const e = r.value;
    s.entries++;
    if (e.kind === "person") s.persons++;
    else if (e.kind === "organisation") s.organisations++;
    else s.other++;
    s.names += e.names.length;
    for (const n of e.names) {
      if (n.weak) s.weakNames++;
      s.namesByScript[n.script] = (s.namesByScript[n.script] ?? 0) + 1;
    }
    s.identifiers += e.identifiers.length;
    s.birthDates += e.birthDates.length;
  }
}
