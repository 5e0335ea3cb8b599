// The canonical phonetic key of one word. Cyrillic words and their romanisations in every
// system we cover reduce to the same key (or one edit away). Key alphabet, lower-case ASCII:
//   a b d e f g i k l m n o p r s t u v  plus  c = ч, x = ш/щ/ж, h = х, z = ц
// Merged on purpose: з/с (s), й/ы/и/і/ї (i), ш/щ/ж (x), г/ґ and Latin h (g), ё/е/э/є (e).
// A Latin word may follow English, German, French or Czech/scientific conventions, and
// "ch" means ч, х or ш depending on which: such words get one key per plausible convention.

import type { NormalWord } from "./normalise";

const CYRILLIC_KEY: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", е: "e", ё: "e", є: "e", э: "e", ж: "x", з: "s", и: "i", і: "i", ї: "i",
  ы: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ў: "u", ф: "f", х: "h",
  ц: "z", ч: "c", ш: "x", щ: "x", ъ: "", ь: "", ю: "iu", я: "ia",
};

type Rules = [RegExp, string][];
const r = (pairs: [string, string][]): Rules => pairs.map(([p, s]) => [new RegExp(p, "g"), s]);

// Letters with diacritics whose meaning is the same in every convention that uses them.
const DIACRITICS = r([
  ["ŝ", "shch"], ["šč", "shch"], ["č|ć|ĉ", "ch"], ["š|ś", "sh"], ["ž|ź|ż", "zh"], ["ĥ", "kh"], ["û", "iu"], ["â", "ia"],
  ["ê", "ie"], ["ë", "io"], ["ł", "l"], ["ø", "o"], ["æ", "ae"], ["œ", "oe"], ["ı", "i"], ["đ", "d"],
]);

// Conventions write key classes as upper-case placeholders (C ч, X ш/щ/ж, H х, Z ц) so later
// rules never re-read them; the input is lower case.
const ENGLISH = r([
  ["schtsch", "X"], ["tsch|tch", "C"], ["shch|shh|sch", "X"], ["zh", "X"], ["kh", "H"], ["ch", "C"], ["sh", "X"], ["cz|ts|tz", "Z"],
  ["^x(?=[^aeiouy])", "H"], ["ck", "k"], ["c(?=[eiy])", "Z"], ["c", "k"], ["ph", "f"], ["x", "ks"], ["q", "k"],
  ["w", "v"], ["[yj]", "i"], ["gh", "g"], ["h", "g"], ["z", "s"],
]);
const GERMAN = r([
  ["schtsch", "X"], ["tsch", "C"], ["sch", "X"], ["ch", "H"], ["ck", "k"], ["tz|ts|z", "Z"], ["ph", "f"], ["x", "ks"],
  ["w", "v"], ["[yj]", "i"], ["q", "k"], ["h", "g"], ["c(?=[eiy])", "Z"], ["c", "k"],
]);
const FRENCH = r([
  ["chtch", "X"], ["tch", "C"], ["kh", "H"], ["ch", "X"], ["ou", "u"], ["gu(?=[eiy])", "g"], ["qu", "k"], ["j", "X"],
  ["ine$", "in"], ["ts", "Z"], ["c(?=[eiy])", "s"], ["c", "k"], ["x", "ks"], ["w", "v"], ["y", "i"], ["h", "g"], ["z", "s"],
]);
// Czech and the scientific system: c = ц, ch (Czech) and x (scientific) = х.
const CZECH_MARKS = r([["šč", "X"], ["č", "C"], ["š", "X"], ["ž", "X"], ["ë", "io"]]);
const CZECH = r([
  ["ch", "H"], ["x", "H"], ["c", "Z"], ["[yj]", "i"], ["w", "v"], ["q", "k"], ["h", "g"], ["z", "s"],
]);

// Shared by every key: merges that no convention distinguishes reliably.
const FINAL = r([
  ["(.)\\1+", "$1"], ["ie", "e"], ["io(?=[^aeiou])", "e"], ["([cx])o", "$1e"], ["of$", "ov"], ["ef$", "ev"],
  ["(.)\\1+", "$1"],
]);

function apply(rules: Rules, s: string): string {
  for (const [re, to] of rules) s = s.replace(re, to);
  return s;
}

const stripMarks = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

/** The key of a Cyrillic word. */
export function cyrillicKey(word: string): string {
  let out = "";
  for (const ch of word) out += CYRILLIC_KEY[ch] ?? (ch >= "0" && ch <= "9" ? ch : /\p{L}/u.test(ch) ? stripMarks(ch) : "");
  return apply(FINAL, out);
}

/** Keys of a Latin word under the conventions it may follow; the first is the English one. */
export function latinKeys(word: string): string[] {
  const plain = (w: string) => stripMarks(w).replace(/[^a-z0-9A-Z]/g, "");
  const finish = (w: string) => apply(FINAL, w.toLowerCase());
  const base = plain(apply(DIACRITICS, word));
  const keys = [finish(apply(ENGLISH, base))];
  if (/sch|w|z|j|ch/.test(base)) keys.push(finish(apply(GERMAN, base)));
  if (/ou|ch|gu[eiy]|ine$/.test(base) || word.includes("ï")) keys.push(finish(apply(FRENCH, plain(word))));
  if (/[čšžřěůŭ]/.test(word) || /x[^aeiouy]/.test(word) || /c.*[aeiouy]j(?![aeiou])/.test(base)) keys.push(finish(apply(CZECH, plain(apply(CZECH_MARKS, word)))));
  return [...new Set(keys)].filter(Boolean);
}

/** Every key of a normalised word (one for Cyrillic, one to four for Latin). */
export function wordKeys(word: NormalWord): string[] {
  if (word.script === "Cyrl") return [cyrillicKey(word.text)];
  if (word.script === "Latn") return latinKeys(word.text);
  return [word.text];
}
