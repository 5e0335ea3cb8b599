// Romanise Cyrillic text (Russian, Ukrainian, Belarusian) by one of the systems in
// translit-tables.ts. Non-Cyrillic characters pass through unchanged. Deterministic.

import { TABLES, type CyrillicLanguage, type TranslitSystem } from "./translit-tables";

const VOWELS = new Set("аеёиоуыэюяєіїў");
const SIBILANTS = new Set("жчшщ");
const CYRILLIC_WORD = /[\u0400-\u04ff\u0500-\u052f]+/g;

/** Guess the language from letters only Ukrainian or Belarusian has; Russian otherwise. */
export function detectCyrillicLanguage(text: string): CyrillicLanguage {
  const t = text.toLowerCase();
  if (/ў/.test(t)) return "be";
  if (/[їєґ]/.test(t)) return "uk";
  if (/і/.test(t)) return /[иъ]/.test(t) ? "uk" : "be";
  return "ru";
}

export function transliterate(text: string, system: TranslitSystem, lang?: CyrillicLanguage): string {
  // The national systems are defined for their own language only.
  const language = lang ?? (system === "ukrainian-national" ? "uk" : system === "belarusian-national" ? "be" : detectCyrillicLanguage(text));
  return text.normalize("NFC").replace(CYRILLIC_WORD, (word) => transliterateWord(word, system, language));
}

function transliterateWord(word: string, system: TranslitSystem, lang: CyrillicLanguage): string {
  const lower = word.toLowerCase();
  const allUpper = word.length > 1 && word === word.toUpperCase();
  const map = TABLES[system][lang];
  let out = "";
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charAt(i);
    const prev = lower.charAt(i - 1);
    const next = lower.charAt(i + 1);
    const atEnd = i === lower.length - 1;
    const piece = contextual(system, lang, c, prev, next, atEnd, lower, i) ?? map[c] ?? c;
    out += word.charAt(i) !== c ? (allUpper ? piece.toUpperCase() : capitalise(piece)) : piece;
  }
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Position-dependent letters; undefined means "use the table". */
function contextual(
  system: TranslitSystem,
  lang: CyrillicLanguage,
  c: string,
  prev: string,
  next: string,
  atEnd: boolean,
  word: string,
  i: number,
): string | undefined {
  // "Iotated" position: at the start of a word, after a vowel or a soft/hard sign (and й).
  const iotated = prev === "" || VOWELS.has(prev) || prev === "ь" || prev === "ъ" || prev === "й";
  switch (system) {
    case "bgn-pcgn":
      if (c === "е" && lang !== "uk" && iotated) return "ye";
      if (c === "ё" && iotated) return "yë";
      return undefined;
    case "mvd-310":
      if (c === "е" && (prev === "ь" || prev === "ъ")) return "ye";
      return undefined;
    case "mvd-782":
      if (c === "е" && prev !== "" && (VOWELS.has(prev) || prev === "ь" || prev === "ъ")) return "ye";
      if (c === "ё") return SIBILANTS.has(prev) ? "e" : prev === "" || VOWELS.has(prev) || prev === "ь" || prev === "ъ" ? "yo" : "ye";
      if (c === "и" && prev === "ь") return "yi";
      if ((c === "ь" || c === "ъ") && (next === "е" || next === "ё" || next === "и")) return "";
      return undefined;
    case "gost-779-b":
      if (c === "ц" && "еиыйєіїэ".includes(next)) return "c";
      return undefined;
    case "german":
      if (c === "е" && iotated && lang !== "uk") return "je";
      if (c === "ё") return SIBILANTS.has(prev) ? "o" : "jo";
      if (c === "с" && VOWELS.has(prev) && VOWELS.has(next)) return "ss";
      if (c === "й" && lang === "ru") return atEnd && prev === "и" ? "" : atEnd && prev === "ы" ? "" : prev === "е" || VOWELS.has(next) ? "j" : "i";
      if (c === "ы" && atEnd === false && next === "й" && i + 2 === word.length) return "y";
      if (c === "ь" && (next === "о" || next === "е")) return next === "е" ? "" : "j";
      return undefined;
    case "french":
      if (c === "г" && "еиыэєі".includes(next) && lang === "ru") return "gu";
      if (c === "ё") return SIBILANTS.has(prev) ? "e" : "io";
      if (c === "с" && VOWELS.has(prev) && VOWELS.has(next)) return "ss";
      if (c === "й") return atEnd && (prev === "и" || prev === "ы") ? "" : VOWELS.has(prev) ? "ï" : "i";
      if (c === "н" && atEnd && prev === "и") return "ne";
      return undefined;
    case "ukrainian-national":
      if (prev === "") {
        const initial: Record<string, string> = { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" };
        if (initial[c]) return initial[c];
      }
      if (c === "г" && prev === "з") return "gh";
      return undefined;
    case "belarusian-national":
      if ("еёюя".includes(c) && iotated) return { е: "je", ё: "jo", ю: "ju", я: "ja" }[c];
      return undefined;
    default:
      return undefined;
  }
}
