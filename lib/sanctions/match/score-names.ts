// Name-to-name score: names are sets of parts compared in any order. Each part of one name is
// paired with at most one part of the other (greedy, best first); the score is the weighted mean
// of the paired parts' similarities, with unpaired parts weighing in as missing.

import { distance } from "fastest-levenshtein";
import { isPrepared, prepareName, type NameKind, type PreparedName, type PreparedWord } from "./prepare";
import type { Reason } from "./reasons";

export interface NameScore {
  score: number;
  reasons: Reason[];
}

/** Similarity of two parts by their keys; `how` says why. */
type PartHow = "exact" | "transliterated" | "gender-form" | "spelling" | "initial" | "name-equivalent";

const INITIAL_SIM = 0.9;
const GENDER_SIM = 0.97;
const EQUIVALENT_SIM = 0.95;
// Weight of a part left unpaired, by what it is: a patronymic may simply not be written;
// a missing organisation word usually means another organisation.
const MISSING_WEIGHT = { patronymic: 0.1, initial: 0.1, person: 0.45, organisation: 0.6 };

function similarity(a: PreparedWord, b: PreparedWord, kind: NameKind): [number, PartHow] {
  if (a.initial || b.initial) {
    const fa = firstLetters(a);
    const fb = firstLetters(b);
    return fa.some((c) => fb.includes(c)) ? [INITIAL_SIM, "initial"] : [0, "initial"];
  }
  if (a.text === b.text) return [1, "exact"];
  for (const ka of a.keys) if (b.keys.includes(ka)) return [1, "transliterated"];
  if (kind === "person") for (const sa of a.stems) if (b.stems.includes(sa)) return [GENDER_SIM, "gender-form"];
  if (a.group >= 0 && a.group === b.group) return [EQUIVALENT_SIM, "name-equivalent"];
  let best = 0;
  for (const [x, ka] of a.keys.entries()) {
    for (const [y, kb] of b.keys.entries()) {
      const len = Math.max(ka.length, kb.length);
      // A reading by a secondary convention (German "ch" = х…) is weaker evidence for a near match.
      const discount = x === 0 && y === 0 ? 0 : 0.05;
      if (1 - Math.abs(ka.length - kb.length) / len - discount <= best) continue;
      let s = 1 - editDistance(ka, kb) / len - discount;
      // Slavic surnames and first names differ by endings (Петров/Петровский, Кличко/Кличков,
      // Александр/Александра): a longer ending on one side is another name, not a slip.
      if (ka.startsWith(kb) || kb.startsWith(ka) || feminineOf(ka, kb) || feminineOf(kb, ka)) s = Math.min(s, 0.7);
      if (s > best) best = s;
    }
  }
  return [best, "spelling"];
}

const feminineOf = (m: string, f: string) => f === m + "a" || (m.endsWith("i") && f === m + "a");

/** Levenshtein distance, counting a swap of two neighbouring letters as one edit (OSA). */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d < 2 || a.length !== b.length) return d;
  let swaps = 0;
  let other = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i]) {
      swaps++;
      i++;
    } else other++;
  }
  return Math.min(d, swaps + other);
}

const firstLetters = (w: PreparedWord) => [...w.keys.map((k) => k.charAt(0)), w.initial ? "" : w.text.charAt(0)].filter(Boolean);

/** Steepen: a one-letter slip in a long part stays close, a different ending falls away fast. */
const credit = (s: number) => (s >= 1 ? 1 : Math.max(0, 1 - 2 * (1 - s)));

export function scoreNames(a: string | PreparedName, b: string | PreparedName, kind: NameKind): NameScore {
  const pa = isPrepared(a) ? a : prepareName(a, kind);
  const pb = isPrepared(b) ? b : prepareName(b, kind);
  const wa = pa.words;
  const wb = pb.words;
  if (wa.length === 0 || wb.length === 0) return { score: 0, reasons: [] };

  const pairs: { i: number; j: number; s: number; how: PartHow; initial: boolean }[] = [];
  for (const [i, x] of wa.entries()) {
    for (const [j, y] of wb.entries()) {
      if (x.initial && y.initial) continue;
      const [s, how] = similarity(x, y, kind);
      if (s >= 0.5) pairs.push({ i, j, s, how, initial: x.initial || y.initial });
    }
  }
  // Best first; full parts before initials at equal similarity so "Ivan" takes "Ivan", not "I.".
  pairs.sort((x, y) => y.s - x.s || Number(x.initial) - Number(y.initial));
  const usedA = new Array<boolean>(wa.length).fill(false);
  const usedB = new Array<boolean>(wb.length).fill(false);
  const chosen: typeof pairs = [];
  for (const p of pairs) {
    if (usedA[p.i] || usedB[p.j]) continue;
    usedA[p.i] = usedB[p.j] = true;
    chosen.push(p);
  }

  const reasons: Reason[] = [];
  let num = 0;
  let den = 0;
  let strongPaired = 0;
  for (const p of chosen) {
    const x = wa[p.i]!;
    const y = wb[p.j]!;
    const w = p.initial ? 0.5 : 1;
    num += w * credit(p.s);
    den += w;
    if (w === 1 && p.s >= 0.85) strongPaired++;
    if (p.how !== "exact") {
      const reason: Reason = { code: p.how === "transliterated" ? "name-transliterated" : p.how, subject: x.text, listed: y.text };
      if (p.how === "spelling") reason.detail = p.s.toFixed(2);
      reasons.push(reason);
    }
  }
  const missing = (words: PreparedWord[], used: boolean[], side: "subject" | "listed") => {
    words.forEach((w, i) => {
      if (used[i]) return;
      const weight = w.patronymic ? MISSING_WEIGHT.patronymic : w.initial ? MISSING_WEIGHT.initial : MISSING_WEIGHT[kind];
      den += weight;
      reasons.push({ code: w.patronymic ? "missing-patronymic" : "missing-part", [side]: w.text });
    });
  };
  missing(wa, usedA, "subject");
  missing(wb, usedB, "listed");
  // A patronymic on each side that pair with nothing: another father, another person.
  if (wa.some((w, i) => !usedA[i] && w.patronymic) && wb.some((w, i) => !usedB[i] && w.patronymic)) {
    den += 1;
    reasons.push({ code: "part-mismatch" });
  }
  // Parts on both sides that found no partner: the names disagree there, not just omit.
  const unpairedA = wa.filter((w, i) => !usedA[i] && !w.patronymic && !w.initial).length;
  const unpairedB = wb.filter((w, i) => !usedB[i] && !w.patronymic && !w.initial).length;
  if (unpairedA > 0 && unpairedB > 0) {
    den += Math.min(unpairedA, unpairedB);
    reasons.push({ code: "part-mismatch" });
  }

  let score = den > 0 ? num / den : 0;
  if (strongPaired === 0) score = Math.min(score, 0.5);
  // A single-part name matched inside a longer person's name identifies little.
  const fullA = wa.filter((w) => !w.initial).length;
  const fullB = wb.filter((w) => !w.initial).length;
  if (kind === "person" && chosen.length === 1 && Math.min(fullA, fullB) === 1 && Math.max(fullA, fullB) > 1) score = Math.min(score, 0.75);

  const ordered = chosen.filter((p) => !p.initial).sort((x, y) => x.i - y.i);
  if (ordered.some((p, k) => k > 0 && p.j < ordered[k - 1]!.j)) reasons.unshift({ code: "name-order" });
  if (chosen.length === wa.length && chosen.length === wb.length && chosen.every((p) => p.how === "exact")) {
    reasons.unshift({ code: "name-exact" });
  }
  if (pa.folded || pb.folded) reasons.push({ code: "mixed-script" });
  if (pa.legalForms.length || pb.legalForms.length) {
    reasons.push({ code: "legal-form-ignored", subject: pa.legalForms.join(" ") || undefined, listed: pb.legalForms.join(" ") || undefined });
  }
  return { score: Math.round(score * 10000) / 10000, reasons };
}
