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
// An initial of either name may stand for one agreeing word (it pairs with a full word). Words
// left over must still let the name reach review by name (weakWordsPair). The scorer cannot
// reach a review threshold (0.85 or more, of which facts give at most 0.1) otherwise: a part
// left unpaired on each side costs both parts' weight and a mismatch, unless one is a cheap
// part (a patronymic, an initial), and a part paired beyond those slips is worth little
// (score-names.ts). Tested on the labelled pairs and on generated slips, swaps, added,
// replaced and dropped words, patronymics and initials. Names are compared within a kind (a
// person with persons): across kinds the scorer takes 0.6 of the name score. An identical
// identifier (registration number, passport…) makes a candidate on its own.
//
// Counting is done on bit sets of the listed names (32 per lane), so a common first name
// costs a few passes over the lanes, not a visit to each of its thousands of names.

import { nameGroup } from "./match/name-equivalents";
import { normaliseIdentifier } from "./match/identifiers";
import { credit, editDistance } from "./match/score-names";
import { prepareName, type PreparedName, type PreparedWord } from "./match/prepare";

export interface ListedName {
  entryId: string;
  /** The name as published (the entry's own name it stands for: scoring compares only those found). */
  full: string;
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
/** The scorer pairs parts this similar or more (score-names.ts). */
const PAIRING_FLOOR = 0.5;
/** A name score below this cannot reach a review threshold (0.85 or more): facts add 0.1 at most. */
const REVIEWABLE_NAME_SCORE = 0.75;
/** Word bit sets kept per index (each names/8 bytes). */
const WORD_BITS_MAX = 1024;

/** The names one screened word finds (bit i = listed name i), and which lanes hold any (bit j = lane j). */
type WordBits = { bits: Uint32Array; lanes: Uint32Array };

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
  private readonly fullOf: string[] = [];
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
  /**
   * Names as bit sets (bit i = listed name i), 32 names per lane: which names each screened
   * word finds (memoised: a sweep repeats the common first names and patronymics), names of
   * each word count, persons. A lookup then counts agreeing words with a few passes of bit
   * operations over the lanes instead of visiting every name that shares a common word.
   */
  private readonly lanes: number;
  private readonly wordBitsCache = new Map<string, WordBits>();
  private readonly byLength = new Map<number, Uint32Array>();
  private readonly persons: Uint32Array;
  /** Listed names that may hold an initial (a one-letter word): any agreeing word makes them candidates. */
  private readonly withInitials: Uint32Array;
  private readonly scratch: Uint32Array[] = [];
  /** Scratch for a lookup's lanes: which lanes any word found (bit per lane), and their list. */
  private readonly activeBits: Uint32Array;
  private readonly active: Int32Array;
  /** Per listed name: 0 while unknown, else 1 + patronymics · 128 + initials (shapeOf). */
  private readonly shapes: Uint16Array;
  /** Per screened word count: the names needing k agreeing words, for each k that occurs. */
  private readonly neededMasks = new Map<number, { k: number; mask: Uint32Array }[]>();
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
      this.fullOf.push(n.full);
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
    this.shapes = new Uint16Array(this.names);
    this.lanes = Math.ceil(this.names / 32);
    this.persons = new Uint32Array(this.lanes);
    this.activeBits = new Uint32Array(Math.ceil(this.lanes / 32));
    this.active = new Int32Array(this.lanes);
    this.withInitials = new Uint32Array(this.lanes);
    for (let i = 0; i < this.names; i++) {
      const bit = 1 << (i & 31);
      if (this.personOf[i]) this.persons[i >>> 5]! |= bit;
      // Pieces between non-letters: every initial is one (prepareName splits at fewer places).
      if (this.personOf[i] && this.fullOf[i]!.split(/\P{L}+/u).some((w) => [...w].length === 1)) this.withInitials[i >>> 5]! |= bit;
      const m = this.wordsOf[i]!;
      let lengthBits = this.byLength.get(m);
      if (!lengthBits) this.byLength.set(m, (lengthBits = new Uint32Array(this.lanes)));
      lengthBits[i >>> 5]! |= bit;
    }
  }

  /**
   * For a screened name of `words` words and `initials` initials: per needed count k, the names
   * (by word count) needing k. An initial pairs with a full word of the other name (score-names.ts),
   * so each initial of the screened name may stand for one agreeing word.
   */
  private masksFor(words: number, initials: number) {
    const memo = words * 64 + Math.min(initials, 63);
    let masks = this.neededMasks.get(memo);
    if (masks) return masks;
    const byK = new Map<number, Uint32Array>();
    for (const [m, bits] of this.byLength) {
      const k = Math.max(1, needed(words, m) - initials);
      let mask = byK.get(k);
      if (!mask) byK.set(k, (mask = new Uint32Array(this.lanes)));
      for (let j = 0; j < this.lanes; j++) mask[j]! |= bits[j]!;
    }
    // A listed initial pairs with any full word too: one agreeing word is enough there.
    const one = byK.get(1) ?? new Uint32Array(this.lanes);
    for (let j = 0; j < this.lanes; j++) one[j]! |= this.withInitials[j]!;
    byK.set(1, one);
    masks = [...byK].map(([k, mask]) => ({ k, mask }));
    this.neededMasks.set(memo, masks);
    return masks;
  }

  /** The listed names one screened word finds: by a key, its first-name group, or a slip. */
  private wordBits(keys: string[], group: number): WordBits {
    const memo = `${group} ${keys.join(" ")}`;
    const cached = this.wordBitsCache.get(memo);
    if (cached) return cached;
    const bits = new Uint32Array(this.lanes);
    const set = (list: number[] | undefined) => {
      if (list) for (const i of list) bits[i >>> 5]! |= 1 << (i & 31);
    };
    for (const k of keys) set(this.byToken.get(k));
    if (group >= 0) set(this.byGroup.get(group));
    for (const k of keys) for (const id of this.nearKeys(k)) set(this.byWordKey[id]);
    const lanes = new Uint32Array(this.activeBits.length);
    for (let j = 0; j < bits.length; j++) if (bits[j] !== 0) lanes[j >>> 5]! |= 1 << (j & 31);
    // Bounded: a lane set is names/8 bytes (19 kB for 150 000 names).
    if (this.wordBitsCache.size >= WORD_BITS_MAX) this.wordBitsCache.clear();
    const out = { bits, lanes };
    this.wordBitsCache.set(memo, out);
    return out;
  }

  /**
   * The lanes any of the words found, ascending, into `this.active` (their number returned):
   * counts can be non-zero only there (a word finds a few names in a tenth of the lanes).
   */
  private activeLanes(found: WordBits[]): number {
    const union = this.activeBits.fill(0);
    for (const f of found) for (let s = 0; s < union.length; s++) union[s] = union[s]! | f.lanes[s]!;
    const active = this.active;
    let n = 0;
    for (let s = 0; s < union.length; s++) {
      for (let x = union[s]! | 0; x !== 0; x ^= x & -x) active[n++] = s * 32 + 31 - Math.clz32(x & -x);
    }
    return n;
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

  /**
   * Candidate entries for any of the names, each with its listed names found (as published), or
   * null when the entry shares an identifier: then every name of it counts (an identifier
   * raises the score of names that would not reach review alone).
   */
  lookup(names: PreparedName[], identifiers: string[] = []): Map<string, Set<string> | null> {
    const out = new Map<string, Set<string> | null>();
    for (const name of names) this.lookupName(name, out);
    for (const raw of identifiers) for (const e of this.byIdentifier.get(normaliseIdentifier(raw)) ?? []) out.set(this.entryIds[e]!, null);
    return out;
  }

  private lookupName(name: PreparedName, out: Map<string, Set<string> | null>) {
    // The same words as the stored keys (match/keys.ts): no initials, keys of 2 letters or more.
    const words = name.words.filter((w) => !w.initial && w.keys[0] && w.keys[0].length >= 2).slice(0, 31);
    if (words.length === 0) return;
    const keysOf = words.map((w) => [...new Set([...w.keys, ...w.stems])].filter((k) => k.length >= 2));
    const found = words.map((w, wi) => this.wordBits(keysOf[wi]!, w.group));
    const initials = name.words.filter((w) => w.initial).length;
    const masks = this.masksFor(words.length, initials);
    // atLeast[k - 1]: names found by k words or more (bit-sliced counting, up to the largest k needed).
    const lanes = this.lanes;
    const top = Math.max(...masks.map((m) => m.k));
    // Scratch lane sets, reused (lookups are synchronous): zeroed, not allocated, per lookup.
    while (this.scratch.length <= top) this.scratch.push(new Uint32Array(lanes));
    const atLeast = this.scratch.slice(0, top);
    const hits = this.scratch[top]!;
    // Only the lanes some word found (ascending, as a full pass would visit them): elsewhere
    // every count is zero. The scratch sets are zeroed there and read nowhere else.
    const n = this.activeLanes(found);
    const active = this.active;
    for (let a = 0; a < n; a++) {
      const j = active[a]!;
      for (const c of atLeast) c[j] = 0;
      hits[j] = 0;
    }
    for (const [wi, { bits }] of found.entries()) {
      // After wi + 1 words no name has more than wi + 1 agreeing: higher counts are still empty.
      for (let k = Math.min(top - 1, wi); k >= 0; k--) {
        const to = atLeast[k]!;
        if (k === 0) {
          for (let a = 0; a < n; a++) {
            const j = active[a]!;
            to[j] = to[j]! | bits[j]!;
          }
        } else {
          const below = atLeast[k - 1]!;
          for (let a = 0; a < n; a++) {
            const j = active[a]!;
            to[j] = to[j]! | below[j]! & bits[j]!;
          }
        }
      }
    }
    // Names found by as many words as their length needs, of the screened name's kind.
    for (const m of masks) {
      const have = atLeast[m.k - 1]!;
      const mask = m.mask;
      for (let a = 0; a < n; a++) {
        const j = active[a]!;
        hits[j] = hits[j]! | have[j]! & mask[j]!;
      }
    }
    const persons = this.persons;
    // Persons with persons, others with others: xor-ing with all ones keeps the non-persons.
    const flip = name.kind === "person" ? 0 : -1;
    for (let a = 0; a < n; a++) {
      const j = active[a]!;
      let lane = hits[j]! & (persons[j]! ^ flip);
      while (lane !== 0) {
        const b = 31 - Math.clz32(lane);
        lane &= ~(1 << b);
        const i = j * 32 + b;
        let matched = 0;
        let k = 0;
        for (let wi = 0; wi < found.length; wi++) {
          if (found[wi]!.bits[j]! & (1 << b)) {
            matched |= 1 << wi;
            k++;
          }
        }
        const m = this.wordsOf[i]!;
        if (k >= Math.min(words.length, m) || (initials > 0 || this.weakWordsPair(words, keysOf, matched, i, m))) {
          const id = this.entryIds[this.entryOf[i]!]!;
          const found = out.get(id);
          if (found) found.add(this.fullOf[i]!);
          else if (found === undefined) out.set(id, new Set([this.fullOf[i]!]));
        }
      }
    }
  }

  /**
   * A name found with some screened words left over (needed()), when the screened name is no
   * longer than the listed one. Each left-over word pairs at best at its closest slip to a
   * listed key (below the pairing floor it stays unpaired). Counting the agreeing words as
   * perfect pairs, the name score is at most (agreeing + credits) / (agreeing + left over),
   * which must reach 0.75 (score-names.ts: credit, weights). A word left unpaired leaves an
   * unpaired full word on the listed side too: both weights and a mismatch, far below review,
   * unless an unpaired part is a cheap one: a patronymic or an initial weighs 0.1 and costs
   * no mismatch ("Anna Sergeevna Karpovich" / "Anna Maria Karpovich" scores 0.78). So the name
   * is kept when a left-over word is a patronymic, or the listed name has an initial or more
   * patronymics than the screened words that found it.
   */
  private weakWordsPair(words: PreparedWord[], keysOf: string[][], matched: number, i: number, listedWords: number): boolean {
    if (keysOf.length > listedWords) return true;
    let matchedPatronymics = 0;
    for (let wi = 0; wi < words.length; wi++) {
      if (matched & (1 << wi)) {
        if (words[wi]!.patronymic) matchedPatronymics++;
      } else if (words[wi]!.patronymic) return true;
    }
    // Kept whenever the listed name may leave a cheap part unpaired (whatever the slips below
    // give): asked first, as it is memoised per name and the slips are not.
    if (this.cheapPartLeft(i, matchedPatronymics)) return true;
    const tokens = this.tokensOf[i]!;
    let agreeing = 0;
    let credits = 0;
    let left = 0;
    for (let wi = 0; wi < keysOf.length; wi++) {
      if (matched & (1 << wi)) {
        agreeing++;
        continue;
      }
      left++;
      // The scorer's similarity of this word to its best partner is at most this (a slip).
      // Keys whose lengths alone keep them at or under the best so far cannot raise it.
      let best = 0;
      for (const k of keysOf[wi]!) {
        for (const t of tokens) {
          const len = Math.max(k.length, t.length);
          if (1 - Math.abs(k.length - t.length) / len <= best) continue;
          best = Math.max(best, 1 - editDistance(k, t) / len);
        }
      }
      // Unpaired: the listed name's unpaired part is not a cheap one (above).
      if (best < PAIRING_FLOOR) return false;
      credits += credit(best);
    }
    // Paired: agreeing words count as perfect pairs, so the score is at most
    // (agreeing + credits) / (agreeing + left), which must reach review by name.
    return agreeing + credits >= REVIEWABLE_NAME_SCORE * (agreeing + left) - 1e-9;
  }

  /** The listed name may leave an initial or a patronymic unpaired (weight 0.1, no mismatch). */
  private cheapPartLeft(i: number, matchedPatronymics: number): boolean {
    const shape = this.shapeOf(i);
    return shape.initials > 0 || shape.patronymics > matchedPatronymics;
  }

  /** Patronymics and initials of listed name i, from its published form (prepared once, on demand). */
  private shapeOf(i: number): { patronymics: number; initials: number } {
    let packed = this.shapes[i]!;
    if (packed === 0) {
      const words = prepareName(this.fullOf[i]!, this.personOf[i] ? "person" : "organisation").words;
      const count = (f: (w: PreparedWord) => boolean) => Math.min(127, words.filter(f).length);
      packed = 1 + count((w) => w.patronymic) * 128 + count((w) => w.initial);
      this.shapes[i] = packed;
    }
    return { patronymics: Math.floor((packed - 1) / 128), initials: (packed - 1) % 128 };
  }
}
