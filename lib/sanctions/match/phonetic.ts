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

// Letters with diacritics whose meaning is the same in every convention that uses them.
const DIACRITICS: Rules = [
  [/ŝ/g, "shch"], [/šč/g, "shch"], [/č|ć|ĉ/g, "ch"], [/š|ś/g, "sh"], [/ž|ź|ż/g, "zh"], [/ĥ/g, "kh"], [/û/g, "iu"], [/â/g, "ia"],
  [/ê/g, "ie"], [/ë/g, "io"], [/ł/g, "l"], [/ø/g, "o"], [/æ/g, "ae"], [/œ/g, "oe"], [/ı/g, "i"], [/đ/g, "d"],
];

// Conventions write key classes as upper-case placeholders (C ч, X ш/щ/ж, H х, Z ц) so later
// rules never re-read them; the input is lower case.
const ENGLISH: Rules = [
  [/schtsch/g, "X"], [/tsch|tch/g, "C"], [/shch|shh|sch/g, "X"], [/zh/g, "X"], [/kh/g, "H"], [/ch/g, "C"], [/sh/g, "X"], [/cz|ts|tz/g, "Z"],
  [/^x(?=[^aeiouy])/g, "H"], [/ck/g, "k"], [/c(?=[eiy])/g, "Z"], [/c/g, "k"], [/ph/g, "f"], [/x/g, "ks"], [/q/g, "k"],
  [/w/g, "v"], [/[yj]/g, "i"], [/gh/g, "g"], [/h/g, "g"], [/z/g, "s"],
];
const GERMAN: Rules = [
  [/schtsch/g, "X"], [/tsch/g, "C"], [/sch/g, "X"], [/ch/g, "H"], [/ck/g, "k"], [/tz|ts|z/g, "Z"], [/ph/g, "f"], [/x/g, "ks"],
  [/w/g, "v"], [/[yj]/g, "i"], [/q/g, "k"], [/h/g, "g"], [/c(?=[eiy])/g, "Z"], [/c/g, "k"],
];
const FRENCH: Rules = [
  [/chtch/g, "X"], [/tch/g, "C"], [/kh/g, "H"], [/ch/g, "X"], [/ou/g, "u"], [/gu(?=[eiy])/g, "g"], [/qu/g, "k"], [/j/g, "X"],
  [/ine$/g, "in"], [/ts/g, "Z"], [/c(?=[eiy])/g, "s"], [/c/g, "k"], [/x/g, "ks"], [/w/g, "v"], [/y/g, "i"], [/h/g, "g"], [/z/g, "s"],
];
// Czech and the scientific system: c = ц, ch (Czech) and x (scientific) = х.
const CZECH_MARKS: Rules = [[/šč/g, "X"], [/č/g, "C"], [/š/g, "X"], [/ž/g, "X"], [/ë/g, "io"]];
const CZECH: Rules = [
  [/ch/g, "H"], [/x/g, "H"], [/c/g, "Z"], [/[yj]/g, "i"], [/w/g, "v"], [/q/g, "k"], [/h/g, "g"], [/z/g, "s"],
];

// Shared by every key: merges that no convention distinguishes reliably.
const FINAL: Rules = [
  [/(.)\1+/g, "$1"], [/ie/g, "e"], [/io(?=[^aeiou])/g, "e"], [/([cx])o/g, "$1e"], [/of$/g, "ov"], [/ef$/g, "ev"],
  [/(.)\1+/g, "$1"],
];

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
