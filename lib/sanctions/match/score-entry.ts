// Subject-to-list-entry score: the best name pair, then facts. Birth dates, nationality and
// identifiers move the name score up or down; an identical strong identifier is near-decisive.

import type { ListBirthDate, ListEntry, ListIdentifier } from "@/lib/sanctions/types";
import { identifierFamily, isStrongIdentifier, normaliseIdentifier } from "./identifiers";
import { prepareName, type NameKind, type PreparedName } from "./prepare";
import type { Reason } from "./reasons";
import { nameScoreOnly, scoreNames } from "./score-names";

/** Scores at or above this go to the review queue unless a funder sets its own. */
export const DEFAULT_THRESHOLD = 0.85;

export interface ScreeningSubject {
  kind: NameKind;
  names: string[];
  /** YYYY-MM-DD or YYYY */
  birthDate?: string;
  /** ISO 3166-1 alpha-2 */
  nationality?: string;
  identifiers?: { type: string; value: string; country?: string }[];
}

export type ScoredEntry = Pick<ListEntry, "kind" | "names" | "birthDates" | "nationalities" | "identifiers">;

export interface PreparedSubject extends Omit<ScreeningSubject, "names"> {
  readonly preparedSubject: true;
  names: PreparedName[];
  identifierKeys: { family: string; value: string; strong: boolean; country?: string }[];
}

export interface PreparedEntry {
  readonly preparedEntry: true;
  kind: NameKind;
  entryKind: ScoredEntry["kind"];
  names: { prepared: PreparedName; weak: boolean; full: string }[];
  birthDates: ListBirthDate[];
  nationalities: string[];
  identifierKeys: { family: string; value: string; strong: boolean; country?: string; label: string }[];
}

export interface EntryScore {
  score: number;
  /** Best name score before facts. */
  nameScore: number;
  /** The listed name that matched best (as published) and the subject's name it matched. */
  matchedName?: string;
  subjectName?: string;
  reasons: Reason[];
}

const asNameKind = (k: ScoredEntry["kind"]): NameKind => (k === "person" ? "person" : "organisation");

const idKeys = (ids: Pick<ListIdentifier, "type" | "value" | "country" | "label">[]) =>
  ids
    .map((i) => ({ family: identifierFamily(i.type), value: normaliseIdentifier(i.value), strong: isStrongIdentifier(i.type), country: i.country?.toUpperCase(), label: i.label ?? i.type }))
    .filter((i) => i.value.length >= 4);

export function prepareSubject(subject: ScreeningSubject): PreparedSubject {
  return {
    ...subject,
    preparedSubject: true,
    names: subject.names.map((n) => prepareName(n, subject.kind)),
    nationality: subject.nationality?.toUpperCase(),
    identifierKeys: idKeys(subject.identifiers ?? []),
  };
}

export function prepareEntry(entry: ScoredEntry): PreparedEntry {
  const kind = asNameKind(entry.kind);
  return {
    preparedEntry: true,
    kind,
    entryKind: entry.kind,
    names: entry.names.map((n) => ({ prepared: prepareName(n.full, kind), weak: n.weak, full: n.full })),
    birthDates: entry.birthDates,
    nationalities: entry.nationalities.map((n) => n.toUpperCase()),
    identifierKeys: idKeys(entry.identifiers),
  };
}

const WEAK_ALIAS_FACTOR = 0.9;
const KIND_MISMATCH_FACTOR = 0.6;
// Fact adjustments, added to the name score (only when names resemble each other at all).
const DOB = { exact: 0.08, year: 0.04, circa: 0.02, mismatch: -0.2 };
const NATIONALITY = { match: 0.02, mismatch: -0.05 };
const IDENTIFIER_MISMATCH = -0.05;

/**
 * `onlyNames`: compare only these of the entry's names (as published), those a candidate
 * search found; the others cannot reach review by name, so the best pair is among these
 * whenever the entry could.
 */
export function scoreEntry(subject: ScreeningSubject | PreparedSubject, entry: ScoredEntry | PreparedEntry, onlyNames?: ReadonlySet<string>): EntryScore {
  const s = "preparedSubject" in subject ? subject : prepareSubject(subject);
  const e = "preparedEntry" in entry ? entry : prepareEntry(entry);

  // Every pair scored without its explanation; only the best (the first of the highest) explained.
  let top: { score: number; sn: PreparedName; listed: PreparedName; weak: boolean; full: string } | undefined;
  for (const sn of s.names) {
    for (const en of e.names) {
      if (onlyNames && !onlyNames.has(en.full)) continue;
      // Compare with the subject's kind so person rules (gender forms, initials) apply to people only.
      const listed = en.prepared.kind === sn.kind ? en.prepared : prepareName(en.full, sn.kind);
      const r = nameScoreOnly(sn, listed, sn.kind);
      const score = en.weak ? r * WEAK_ALIAS_FACTOR : r;
      if (score > (top?.score ?? 0)) top = { score, sn, listed, weak: en.weak, full: en.full };
    }
  }
  const best: { score: number; reasons: Reason[]; weak: boolean; listed?: string; subject?: string } = top
    ? { score: top.score, reasons: scoreNames(top.sn, top.listed, top.sn.kind).reasons, weak: top.weak, listed: top.full, subject: top.sn.original }
    : { score: 0, reasons: [], weak: false };
  if (best.weak) best.reasons.push({ code: "weak-alias", listed: best.listed });
  const reasons = best.reasons;
  const nameScore = best.score;
  let score = nameScore;
  if (s.kind !== e.kind) {
    score *= KIND_MISMATCH_FACTOR;
    reasons.push({ code: "kind-mismatch" });
  }

  if (nameScore >= 0.5) {
    if (s.kind === "person" && s.birthDate && e.birthDates.length) {
      const dob = compareBirthDate(s.birthDate, e.birthDates);
      if (dob) {
        score += DOB[dob.result];
        reasons.push({ code: `dob-${dob.result}`, subject: s.birthDate, listed: dob.listed });
      }
    }
    if (s.nationality && e.nationalities.length) {
      const match = e.nationalities.includes(s.nationality);
      score += match ? NATIONALITY.match : NATIONALITY.mismatch;
      reasons.push({ code: match ? "nationality-match" : "nationality-mismatch", subject: s.nationality, listed: e.nationalities.join(", ") });
    }
  }

  // Identifiers: the same strong identifier outweighs everything else; the same register with
  // another number counts against (one INN or OGRN per organisation; a person may hold many passports).
  let mismatched: string | undefined;
  for (const si of s.identifierKeys) {
    for (const ei of e.identifierKeys) {
      if (si.family !== ei.family && si.family !== "other" && ei.family !== "other") continue;
      if (si.country && ei.country && si.country !== ei.country) continue;
      if (si.value === ei.value) {
        const strong = si.strong && ei.strong && si.family === ei.family;
        score = strong ? Math.max(score, 0.95 + 0.05 * nameScore) : score + 0.1;
        reasons.push({ code: "identifier-match", subject: si.value, listed: ei.value, detail: ei.label });
        mismatched = undefined;
        return finish(score, nameScore, best, reasons);
      }
      if (si.family === ei.family && (si.family === "tax" || si.family === "registration")) mismatched = ei.label;
    }
  }
  if (mismatched) {
    score += IDENTIFIER_MISMATCH;
    reasons.push({ code: "identifier-mismatch", detail: mismatched });
  }
  return finish(score, nameScore, best, reasons);
}

function finish(score: number, nameScore: number, best: { listed?: string; subject?: string }, reasons: Reason[]): EntryScore {
  const clamped = Math.min(1, Math.max(0, score));
  return { score: Math.round(clamped * 10000) / 10000, nameScore, matchedName: best.listed, subjectName: best.subject, reasons };
}

type DobResult = "exact" | "year" | "circa" | "mismatch";
const DOB_RANK: Record<DobResult, number> = { exact: 3, year: 2, circa: 1, mismatch: 0 };

/** The closest of the listed birth dates to the subject's. */
export function compareBirthDate(subject: string, listed: ListBirthDate[]): { result: DobResult; listed: string } | undefined {
  if (!/^\d{4}$/.test(subject) && !/^\d{4}-\d{2}-\d{2}$/.test(subject)) return undefined;
  const year = Number(subject.slice(0, 4));
  const full = subject.length === 10 ? subject : undefined;
  let best: { result: DobResult; listed: string } | undefined;
  for (const d of listed) {
    const ly = d.year ?? (d.date ? Number(d.date.slice(0, 4)) : undefined);
    if (ly === undefined) continue;
    const label = d.date ?? (d.yearTo ? `${ly}–${d.yearTo}` : String(ly));
    let result: DobResult;
    if (full && d.date === full) result = "exact";
    else if (d.yearTo !== undefined && year >= ly && year <= d.yearTo) result = "circa";
    // Two full dates in the same year that differ (a swapped day and month?) support only weakly.
    else if (year === ly) result = full && d.date && !d.circa ? "circa" : "year";
    else if (d.circa && Math.abs(year - ly) <= 1) result = "circa";
    else result = "mismatch";
    if (!best || DOB_RANK[result] > DOB_RANK[best.result]) best = { result, listed: label };
  }
  return best;
}
