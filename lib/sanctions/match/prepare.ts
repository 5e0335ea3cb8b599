// Prepared form of a name: everything the scorers need, computed once per name so a batch
// can cache it (the lead keeps prepared list names in memory between screenings).

import { stripLegalForms, ORG_STOPWORDS } from "./legal-forms";
import { normaliseWords, type NormalWord } from "./normalise";
import { nameGroup } from "./name-equivalents";
import { wordKeys } from "./phonetic";

export type NameKind = "person" | "organisation";

export interface PreparedWord {
  /** Unique per prepared word (per process): a key for memos of word pairs (score-names.ts). */
  id: number;
  /** Normalised spelling (lower case, look-alikes folded). */
  text: string;
  script: NormalWord["script"];
  /** Phonetic keys, one per plausible convention; [0] is the primary one. */
  keys: string[];
  /** Keys with the feminine/masculine surname ending reduced (persons only; else = keys). */
  stems: string[];
  initial: boolean;
  /** First-name equivalence group (name-equivalents.ts), -1 when none. */
  group: number;
  /** Looks like a patronymic (-ович, -евна, -ич…): missing it costs little. */
  patronymic: boolean;
}

export interface PreparedName {
  readonly prepared: true;
  original: string;
  kind: NameKind;
  words: PreparedWord[];
  /** Legal-form words stripped from an organisation's name, as normalised text. */
  legalForms: string[];
  /** Some letters were look-alikes of the other script. */
  folded: boolean;
}

// Surname endings by gender, on keys: -ова/-ов, -ева/-ев, -ина/-ин, -ская/-ский, -цкая/-цкий, -ная/-ный.
const GENDER_ENDINGS: [RegExp, string][] = [
  [/(ov|ev|in)a$/, "$1"],
  [/(s|z)kaia$/, "$1ki"],
  [/(s|z)ka$/, "$1ki"],
  [/naia$/, "ni"],
];
const PATRONYMIC = /(ovic|evic|ovna|evna|ivna|icna|ic|ogli|kisi)$/;

function stemOf(key: string): string {
  for (const [re, to] of GENDER_ENDINGS) if (re.test(key)) return key.replace(re, to);
  return key;
}

// Words repeat across names (first names, patronymics, common surnames, legal words): each
// is prepared once and shared, read-only. Bounded: emptied when full.
const preparedWords = new Map<string, PreparedWord>();
const PREPARED_WORDS_MAX = 50_000;
let nextWordId = 0;

function prepareWord(w: NormalWord, kind: NameKind): PreparedWord {
  const memo = `${kind === "person" ? "p" : "o"}${w.script} ${w.initial ? 1 : 0}${w.text}`;
  const known = preparedWords.get(memo);
  if (known) return known;
  const keys = wordKeys(w);
  const stems = kind === "person" ? [...new Set(keys.map(stemOf))] : keys;
  const out: PreparedWord = {
    id: nextWordId++,
    text: w.text,
    script: w.script,
    keys,
    stems,
    initial: w.initial,
    group: kind === "person" && !w.initial ? nameGroup(keys) : -1,
    patronymic: kind === "person" && !w.initial && keys.some((k) => k.length >= 4 && PATRONYMIC.test(k)),
  };
  if (preparedWords.size >= PREPARED_WORDS_MAX) preparedWords.clear();
  preparedWords.set(memo, out);
  return out;
}

export function prepareName(name: string, kind: NameKind): PreparedName {
  let words = normaliseWords(name);
  let legalForms: string[] = [];
  if (kind === "organisation") {
    const stripped = stripLegalForms(words);
    legalForms = stripped.forms;
    words = stripped.words.filter((w) => !ORG_STOPWORDS.has(w.text) && !w.initial);
    if (words.length === 0) words = stripped.words;
  }
  const prepared = words.map((w) => prepareWord(w, kind));
  return { prepared: true, original: name, kind, words: prepared, legalForms, folded: words.some((w) => w.folded) };
}

export function isPrepared(x: unknown): x is PreparedName {
  return typeof x === "object" && x !== null && (x as PreparedName).prepared === true;
}
