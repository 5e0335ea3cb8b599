// Text normalisation before keys: Unicode NFKC, case folding, apostrophes and soft/hard signs,
// punctuation and hyphens as word breaks, look-alike folding per word.

import { foldLookalikes, type WordScript } from "./lookalikes";

export interface NormalWord {
  /** Lower-cased, folded, accents kept (the phonetic key strips them with knowledge of what they mean). */
  text: string;
  script: WordScript;
  /** Look-alike letters of the other script were folded. */
  folded: boolean;
  /** Written as a single letter, with or without a dot ("I.", "И"). */
  initial: boolean;
}

// Apostrophes, primes and the transliterations' soft/hard signs: inside a word they join it
// (O'Brien → obrien, Д'Артаньян → дартаньян, El'tsin → eltsin, Pod"yachev → podyachev).
const JOINERS = /['’‘`´ʹʺʼʻ′″"”“]/g;
const BREAKS = /[\s\-‐‑‒–—―_.,;:/\\|()[\]{}«»„‹›!?*+&#@%=~<>^]+/;

export function normaliseWords(name: string): NormalWord[] {
  const text = name.normalize("NFKC").toLowerCase().replace(/ß/g, "ss");
  const words: NormalWord[] = [];
  // Dots break words too, so "I.S." gives two initials and "e.V." the form words "e v".
  const parts = text.split(BREAKS);
  for (const raw of parts) {
    const w = normalPart(raw);
    if (w) words.push(w);
  }
  return words;
}

// Parts repeat across names: each is normalised once and shared, read-only. Bounded.
const normalParts = new Map<string, NormalWord | null>();
const NORMAL_PARTS_MAX = 50_000;

function normalPart(raw: string): NormalWord | null {
  const known = normalParts.get(raw);
  if (known !== undefined) return known;
  const cleaned = raw.replace(JOINERS, "").replace(/[^\p{L}\p{M}\p{N}]/gu, "");
  let out: NormalWord | null = null;
  if (cleaned) {
    const { word, script, folded } = foldLookalikes(cleaned.normalize("NFC"));
    out = { text: word, script, folded, initial: [...word].length === 1 && /\p{L}/u.test(word) };
  }
  if (normalParts.size >= NORMAL_PARTS_MAX) normalParts.clear();
  normalParts.set(raw, out);
  return out;
}
