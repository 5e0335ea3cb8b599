// Candidate search over every listed name in force, in memory: a screening looks up each word
// of each name it screens and keeps the listed names that agree on enough words. Pure (built
// from rows, no I/O), so the same index serves the worker's sweep, a payment-time screening
// and the tests. See docs/decisions/0017-sanctions-screening.md, "Speed".
//
// A listed name is a candidate for a screened name when enough words of the shorter of the
// two (all of a 1- or 2-word name, all but one in two of a longer one: needed()) each find a
// word of the other by
//   - an equal phonetic key (any convention, or the gender stem of a surname): `tokens`;
//   - the same first-name equivalence group (Пётр / Peter);
//   - a spelling slip: up to a quarter of the letters edited (at least one; a swap of
//     neighbours is one edit, as in the scorer) between phonetic keys, found through the keys'
//     deletion variants (symmetric deletion, up to 3 deep).
// The scorer cannot reach a review threshold (0.85 or more, of which facts give at most 0.1)
// otherwise: a part left unpaired on each side costs both parts' weight and a mismatch, and a
// part paired beyond those slips is worth little (score-names.ts). Tested on the labelled
// pairs and on generated slips, swaps, added and dropped words. Names are compared within a
// kind (a person with persons): across kinds the scorer takes 0.6 of the name score. An
// identical identifier (registration number, passport…) makes a candidate on its own.

import { nameGroup } from "./match/name-equivalents";
import { normaliseIdentifier } from "./match/identifiers";
import { editDistance } from "./match/score-names";
import type { PreparedName } from "./match/prepare";

export interface ListedName {
  entryId: string;
  /** Primary keys of the words, sorted, space-joined (match/keys.ts). */
  key: string;
  tokens: string[];
  /** A listed person (else an organisation, vessel, aircraft): names are compared within a kind. */
  person: boolean;
}

/** Keys this long or longer may differ by a slip (the scorer pairs 2-letter keys too). */
const APPROX_MIN_LENGTH = 2;
/** Edits a spelling slip may have: a quarter of the letters (a part similarity of 0.75), at least one. */
const allowedEdits = (len: number) => Math.max(1, Math.floor(len / 4));
/** Deletions indexed per key: symmetric deletion finds every pair within that many edits. */
// One letter more than the key: the other key may be that much longer (an insertion).
const deletionDepth = (len: number) => Math.min(3, allowedEdits(len + 1));

/** The key and its variants with up to `depth` letters deleted. */
function variants(key: string, depth: number): Set<string> {
  const out = new Set([key]);
  let level = [key];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const k of level) {
      for (let i = 0; i < k.length; i++) {
        const v = k.slice(0, i) + k.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    level = next;
  }
  return out;
}

// FNV-1a: variants are stored as hashes (a few bytes each, not strings); a collision only adds
// a key that the edit distance then rejects.
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
// hash · 2^21 + key id stays an exact integer in a double (32 + 21 bits), so one sorted
// Float64Array is the whole deletion table.
const ID_BITS = 2 ** 21;

function push<K>(m: Map<K, number[]>, k: K, v: number) {
  const a = m.get(k);
  if (a) {
    if (a[a.length - 1] !== v) a.push(v);
  } else m.set(k, [v]);
}

/**
 * Words of the shorter name that must agree: all of a 1- or 2-word name; of longer ones, one
 * word in two may pair only weakly (a different patronymic, a middle name, a worse slip)
 * and still leave a reviewable score, so that many are let go.
 */
function needed(a: number, b: number): number {
  const shorter = Math.min(a, b);
  return shorter >= 3 ? shorter - Math.floor((shorter - 1) / 2) : shorter;
}

export class NameIndex {
  readonly names: number;
  readonly entries: number;
  private readonly entryIds: string[] = [];
  /** Per listed name: its entry (index into entryIds) and its number of words. */
  private readonly entryOf: Int32Array;
  private readonly wordsOf: Uint8Array;
  private readonly personOf: Uint8Array;
  private readonly byToken = new Map<string, number[]>();
  private readonly byGroup = new Map<number, number[]>();
  /** Distinct word keys (tokens), their names, and their deletion variants (hash · 2^21 + id, sorted). */
  private readonly wordKeys: string[] = [];
  private readonly byWordKey: number[][] = [];
  private readonly deletionTable: Float64Array;
  private readonly nearCache = new Map<string, number[]>();
  private readonly byIdentifier = new Map<string, number[]>();
  // Scratch space for lookups (synchronous, so one set per index is enough).
  private readonly count: Uint16Array;
  /** Which of the screened name's words found the name (bit per word). */
  private readonly matched: Uint32Array;
  /** Every key of each listed name (shared strings), for the weak-word check. */
  private readonly tokensOf: string[][] = [];

  constructor(names: Iterable<ListedName>, identifiers: Iterable<{ entryId: string; value: string }> = []) {
    const entryIndex = new Map<string, number>();
    const wordKeyId = new Map<string, number>();
    const deletionRows: number[] = [];
    const intern = new Map<string, string>();
    const entryOf: number[] = [];
    const wordsOf: number[] = [];
    const personOf: number[] = [];
    const entry = (id: string) => {
      let e = entryIndex.get(id);
      if (e === undefined) {
        e = this.entryIds.length;
        this.entryIds.push(id);
        entryIndex.set(id, e);
      }
      return e;
    };
    for (const n of names) {
      if (!n.key) continue;
      const i = entryOf.length;
      const words = n.key.split(" ");
      entryOf.push(entry(n.entryId));
      wordsOf.push(Math.min(words.length, 255));
      personOf.push(n.person ? 1 : 0);
      this.tokensOf.push(n.tokens.map((t) => intern.get(t) ?? (intern.set(t, t), t)));
      for (const t of n.tokens) {
        push(this.byToken, t, i);
        const g = nameGroup([t]);
        if (g >= 0) push(this.byGroup, g, i);
      }
      // Every key of every word (not only the primary ones): the scorer compares them all.
      for (const w of n.tokens) {
        if (w.length < APPROX_MIN_LENGTH) continue;
        let id = wordKeyId.get(w);
        if (id === undefined) {
          if (this.wordKeys.length >= ID_BITS) continue; // beyond 2 million distinct words: exact keys only
          id = this.wordKeys.length;
          this.wordKeys.push(w);
          this.byWordKey.push([]);
          wordKeyId.set(w, id);
          for (const v of variants(w, deletionDepth(w.length))) deletionRows.push(hash(v) * ID_BITS + id);
        }
        const list = this.byWordKey[id]!;
        if (list[list.length - 1] !== i) list.push(i);
      }
    }
    for (const id of identifiers) {
      const v = normaliseIdentifier(id.value);
      if (v.length >= 4) push(this.byIdentifier, v, entry(id.entryId));
    }
    this.deletionTable = Float64Array.from(deletionRows).sort();
    this.entryOf = Int32Array.from(entryOf);
    this.wordsOf = Uint8Array.from(wordsOf);
    this.personOf = Uint8Array.from(personOf);
    this.names = entryOf.length;
    this.entries = this.entryIds.length;
    this.count = new Uint16Array(this.names);
    this.matched = new Uint32Array(this.names);
  }

  /** Ids of listed word keys within the allowed edits of `key` (memoised: sweeps repeat names). */
  private nearKeys(key: string): number[] {
    if (key.length < APPROX_MIN_LENGTH) return [];
    const cached = this.nearCache.get(key);
    if (cached) return cached;
    const found = new Set<number>();
    const t = this.deletionTable;
    for (const v of variants(key, deletionDepth(key.length))) {
      const lo = hash(v) * ID_BITS;
      // First row at or above lo (binary search), then every row of this hash.
      let a = 0;
      let b = t.length;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (t[m]! < lo) a = m + 1;
        else b = m;
      }
      for (let r = a; r < t.length && t[r]! < lo + ID_BITS; r++) found.add(t[r]! - lo);
    }
    const near = [...found].filter((id) => {
      const w = this.wordKeys[id]!;
      // The scorer's own distance: a swap of two neighbouring letters is one edit.
      return editDistance(w, key) <= allowedEdits(Math.max(w.length, key.length));
    });
    if (this.nearCache.size >= 100_000) this.nearCache.clear();
    this.nearCache.set(key, near);
    return near;
  }

  /** Entry ids that are candidates for any of the names, or share an identifier. */
  lookup(names: PreparedName[], identifiers: string[] = []): Set<string> {
    const out = new Set<string>();
    for (const name of names) this.lookupName(name, out);
    for (const raw of identifiers) for (const e of this.byIdentifier.get(normaliseIdentifier(raw)) ?? []) out.add(this.entryIds[e]!);
    return out;
  }

  private lookupName(name: PreparedName, out: Set<string>) {
    // The same words as the stored keys (match/keys.ts): no initials, keys of 2 letters or more.
    const words = name.words.filter((w) => !w.initial && w.keys[0] && w.keys[0].length >= 2).slice(0, 31);
    if (words.length === 0) return;
    const touched: number[] = [];
    const keysOf = words.map((w) => [...new Set([...w.keys, ...w.stems])].filter((k) => k.length >= 2));
    words.forEach((w, wi) => {
      const bit = 1 << wi;
      const hit = (list: number[] | undefined) => {
        if (!list) return;
        for (const i of list) {
          if (this.matched[i]! & bit) continue;
          if (this.matched[i] === 0) touched.push(i);
          this.matched[i]! |= bit;
          this.count[i]!++;
        }
      };
      const keys = keysOf[wi]!;
      for (const k of keys) hit(this.byToken.get(k));
      if (w.group >= 0) hit(this.byGroup.get(w.group));
      for (const k of keys) for (const id of this.nearKeys(k)) hit(this.byWordKey[id]);
    });
    const person = name.kind === "person" ? 1 : 0;
    for (const i of touched) {
      const m = this.wordsOf[i]!;
      const k = this.count[i]!;
      if (this.personOf[i] === person && k >= needed(words.length, m) && (k >= Math.min(words.length, m) || this.weakWordsPair(keysOf, this.matched[i]!, i, m))) {
        out.add(this.entryIds[this.entryOf[i]!]!);
      }
      this.count[i] = 0;
      this.matched[i] = 0;
    }
  }

  /**
   * A name found with some screened words left over (needed()): each left-over word must come
   * within the scorer's pairing floor (similarity 0.5) of some key of the listed name, or it
   * stays unpaired while the listed name, no shorter, has an unpaired word too, and the score
   * falls far below review (score-names.ts). Checked only when the screened name is no longer
   * than the listed one; otherwise the name is kept.
   */
  private weakWordsPair(keysOf: string[][], matched: number, i: number, listedWords: number): boolean {
    if (keysOf.length > listedWords) return true;
    const tokens = this.tokensOf[i]!;
    for (let wi = 0; wi < keysOf.length; wi++) {
      if (matched & (1 << wi)) continue;
      const pairs = keysOf[wi]!.some((k) => tokens.some((t) => 1 - editDistance(k, t) / Math.max(k.length, t.length) >= 0.5));
      if (!pairs) return false;
    }
    return true;
  }
}
