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
export const MISSING_WEIGHT = { patronymic: 0.1, initial: 0.1, person: 0.45, organisation: 0.6 };

function similarity(a: PreparedWord, b: PreparedWord, kind: NameKind): [number, PartHow] {
  if (a.initial || b.initial) {
    const fa = firstLetters(a);
    const fb = firstLetters(b);
    return fa.some((c) => fb.includes(c)) ? [INITIAL_SIM, "initial"] : [0, "initial"];
  }
  if (a.text === b.text) return [1, "exact"];
  if (intersects(a.keys, b.keys)) return [1, "transliterated"];
  if (kind === "person" && intersects(a.stems, b.stems)) return [GENDER_SIM, "gender-form"];
  if (a.group >= 0 && a.group === b.group) return [EQUIVALENT_SIM, "name-equivalent"];
  let best = 0;
  for (let x = 0; x < a.keys.length; x++) {
    const ka = a.keys[x]!;
    for (let y = 0; y < b.keys.length; y++) {
      const kb = b.keys[y]!;
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

/**
 * Word pairs repeat across a sweep (common first names, patronymics, the same listed names for
 * many organisations): each pair's similarity is computed once per process, by the words' ids
 * (small integers: two lookups by an integer are cheaper than one by a pair key). Bounded:
 * emptied when full. The value is the one similarity() returns, shared read-only.
 */
const similarities = new Map<number, Map<number, readonly [number, PartHow]>>();
let remembered = 0;
const SIMILARITIES_MAX = 200_000;
/** Ids kept as small integers (with the kind in the lowest bit of the inner key). */
const PAIR_ID_LIMIT = 2 ** 29;

function pairSimilarity(a: PreparedWord, b: PreparedWord, kind: NameKind): readonly [number, PartHow] {
  if (a.id >= PAIR_ID_LIMIT || b.id >= PAIR_ID_LIMIT) return similarity(a, b, kind);
  const inner = b.id * 2 + (kind === "person" ? 1 : 0);
  let row = similarities.get(a.id);
  let known = row?.get(inner);
  if (known === undefined) {
    known = similarity(a, b, kind);
    if (remembered >= SIMILARITIES_MAX) {
      similarities.clear();
      remembered = 0;
      row = undefined;
    }
    if (!row) similarities.set(a.id, (row = new Map()));
    row.set(inner, known);
    remembered++;
  }
  return known;
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

function intersects(x: string[], y: string[]): boolean {
  for (let i = 0; i < x.length; i++) for (let j = 0; j < y.length; j++) if (x[i] === y[j]) return true;
  return false;
}

/** Steepen: a one-letter slip in a long part stays close, a different ending falls away fast. */
export const credit = (s: number) => (s >= 1 ? 1 : Math.max(0, 1 - 2 * (1 - s)));

interface Pair {
  i: number;
  j: number;
  s: number;
  how: PartHow;
  initial: boolean;
}
// Best first; full parts before initials at equal similarity so "Ivan" takes "Ivan", not "I.".
const byStrength = (x: Pair, y: Pair) => y.s - x.s || Number(x.initial) - Number(y.initial);

/** Two full parts in one order on one side and the other order on the other side. */
function crossedOrder(chosen: Pair[]): boolean {
  for (let k = 0; k < chosen.length; k++) {
    const p = chosen[k]!;
    if (p.initial) continue;
    for (let l = k + 1; l < chosen.length; l++) {
      const q = chosen[l]!;
      if (!q.initial && (p.i - q.i) * (p.j - q.j) < 0) return true;
    }
  }
  return false;
}

/** Words of one side left without a partner: their weight as missing, and what they were. */
function tallyUnpaired(words: PreparedWord[], used: ArrayLike<boolean | number>, kind: NameKind, side: "subject" | "listed", reasons: Reason[] | null): Tally {
  let full = 0;
  let unpaired = 0;
  let patronymic = false;
  let weight = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.initial) full++;
    if (used[i]) continue;
    weight += missingWeight(w, kind);
    reasons?.push({ code: w.patronymic ? "missing-patronymic" : "missing-part", [side]: w.text });
    if (w.patronymic) patronymic = true;
    else if (!w.initial) unpaired++;
  }
  return { full, unpaired, patronymic, weight };
}

function missingWeight(w: PreparedWord, kind: NameKind): number {
  return w.patronymic ? MISSING_WEIGHT.patronymic : w.initial ? MISSING_WEIGHT.initial : MISSING_WEIGHT[kind];
}

export function scoreNames(a: string | PreparedName, b: string | PreparedName, kind: NameKind): NameScore {
  const pa = isPrepared(a) ? a : prepareName(a, kind);
  const pb = isPrepared(b) ? b : prepareName(b, kind);
  const reasons: Reason[] = [];
  return { score: scoreWith(pa, pb, kind, reasons), reasons };
}

/**
 * The score alone, without its explanation: the same as scoreNames(…).score, for comparing
 * many pairs when only the best one is explained (the explanation is most of the allocation).
 */
export function nameScoreOnly(pa: PreparedName, pb: PreparedName, kind: NameKind): number {
  const wa = pa.words;
  const wb = pb.words;
  if (wa.length === 0 || wb.length === 0) return 0;
  const n = wa.length * wb.length;
  if (pairS.length < n) grow(n);
  // The pairs scoreWith() builds, in the same order, in scratch arrays instead of objects.
  let count = 0;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i]!;
    for (let j = 0; j < wb.length; j++) {
      const y = wb[j]!;
      if (x.initial && y.initial) continue;
      const s = pairSimilarity(x, y, kind)[0];
      if (s < 0.5) continue;
      pairS[count] = s;
      pairI[count] = i;
      pairJ[count] = j;
      pairInitial[count] = x.initial || y.initial ? 1 : 0;
      // Stable insertion by byStrength(): the order Array.prototype.sort (stable) gives there.
      let at = count++;
      while (at > 0) {
        const prev = pairOrder[at - 1]!;
        if ((s - pairS[prev]! || pairInitial[prev]! - pairInitial[count - 1]!) <= 0) break;
        pairOrder[at] = prev;
        at--;
      }
      pairOrder[at] = count - 1;
    }
  }
  const usedA = usedScratchA.length >= wa.length ? usedScratchA.fill(0, 0, wa.length) : (usedScratchA = new Uint8Array(wa.length * 2));
  const usedB = usedScratchB.length >= wb.length ? usedScratchB.fill(0, 0, wb.length) : (usedScratchB = new Uint8Array(wb.length * 2));
  let num = 0;
  let den = 0;
  let strongPaired = 0;
  let chosen = 0;
  for (let o = 0; o < count; o++) {
    const p = pairOrder[o]!;
    const i = pairI[p]!;
    const j = pairJ[p]!;
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = usedB[j] = 1;
    chosen++;
    const initial = pairInitial[p] === 1;
    const w = initial ? 0.5 : 1;
    num += w * credit(pairS[p]!);
    den += w;
    if (!initial && pairS[p]! >= 0.85) strongPaired++;
  }
  return finishScore(num, den, strongPaired, chosen, tallyUnpaired(wa, usedA, kind, "subject", null), tallyUnpaired(wb, usedB, kind, "listed", null), kind);
}

// Scratch of nameScoreOnly (synchronous: never two calls at once), grown on demand.
let pairS = new Float64Array(64);
let pairI = new Int32Array(64);
let pairJ = new Int32Array(64);
let pairInitial = new Uint8Array(64);
let pairOrder = new Int32Array(64);
let usedScratchA = new Uint8Array(16);
let usedScratchB = new Uint8Array(16);
function grow(n: number) {
  pairS = new Float64Array(n * 2);
  pairI = new Int32Array(n * 2);
  pairJ = new Int32Array(n * 2);
  pairInitial = new Uint8Array(n * 2);
  pairOrder = new Int32Array(n * 2);
}

type Tally = { full: number; unpaired: number; patronymic: boolean; weight: number };

/** The score from the chosen pairs' sums and both sides' unpaired parts (the one rule for both paths). */
function finishScore(num: number, den: number, strongPaired: number, chosen: number, sideA: Tally, sideB: Tally, kind: NameKind, reasons: Reason[] | null = null): number {
  den += sideA.weight + sideB.weight;
  // A patronymic on each side that pair with nothing: another father, another person.
  if (sideA.patronymic && sideB.patronymic) {
    den += 1;
    reasons?.push({ code: "part-mismatch" });
  }
  // Parts on both sides that found no partner: the names disagree there, not just omit.
  if (sideA.unpaired > 0 && sideB.unpaired > 0) {
    den += Math.min(sideA.unpaired, sideB.unpaired);
    reasons?.push({ code: "part-mismatch" });
  }
  let score = den > 0 ? num / den : 0;
  if (strongPaired === 0) score = Math.min(score, 0.5);
  // A single-part name matched inside a longer person's name identifies little.
  if (kind === "person" && chosen === 1 && Math.min(sideA.full, sideB.full) === 1 && Math.max(sideA.full, sideB.full) > 1) score = Math.min(score, 0.75);
  return Math.round(score * 10000) / 10000;
}

function scoreWith(pa: PreparedName, pb: PreparedName, kind: NameKind, reasons: Reason[] | null): number {
  const wa = pa.words;
  const wb = pb.words;
  if (wa.length === 0 || wb.length === 0) return 0;

  const pairs: Pair[] = [];
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i]!;
    for (let j = 0; j < wb.length; j++) {
      const y = wb[j]!;
      if (x.initial && y.initial) continue;
      const [s, how] = pairSimilarity(x, y, kind);
      if (s >= 0.5) pairs.push({ i, j, s, how, initial: x.initial || y.initial });
    }
  }
  pairs.sort(byStrength);
  const usedA = new Array<boolean>(wa.length).fill(false);
  const usedB = new Array<boolean>(wb.length).fill(false);
  const chosen: Pair[] = [];
  for (const p of pairs) {
    if (usedA[p.i] || usedB[p.j]) continue;
    usedA[p.i] = usedB[p.j] = true;
    chosen.push(p);
  }

  let num = 0;
  let den = 0;
  let strongPaired = 0;
  let allExact = chosen.length === wa.length && chosen.length === wb.length;
  for (const p of chosen) {
    const w = p.initial ? 0.5 : 1;
    num += w * credit(p.s);
    den += w;
    if (!p.initial && p.s >= 0.85) strongPaired++;
    if (p.how !== "exact") {
      allExact = false;
      if (!reasons) continue;
      const reason: Reason = { code: p.how === "transliterated" ? "name-transliterated" : p.how, subject: wa[p.i]!.text, listed: wb[p.j]!.text };
      if (p.how === "spelling") reason.detail = p.s.toFixed(2);
      reasons.push(reason);
    }
  }

  const sideA = tallyUnpaired(wa, usedA, kind, "subject", reasons);
  const sideB = tallyUnpaired(wb, usedB, kind, "listed", reasons);
  const rounded = finishScore(num, den, strongPaired, chosen.length, sideA, sideB, kind, reasons);
  if (!reasons) return rounded;
  if (crossedOrder(chosen)) reasons.unshift({ code: "name-order" });
  if (allExact) reasons.unshift({ code: "name-exact" });
  if (pa.folded || pb.folded) reasons.push({ code: "mixed-script" });
  if (pa.legalForms.length || pb.legalForms.length) {
    reasons.push({ code: "legal-form-ignored", subject: pa.legalForms.join(" ") || undefined, listed: pb.legalForms.join(" ") || undefined });
  }
  return rounded;
}
