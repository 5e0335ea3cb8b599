// Text helpers shared by the list parsers: whitespace, script detection, language codes.

/** Collapses runs of whitespace (incl. NBSP and line breaks) and trims; never rewrites letters. */
export function collapse(s: string | undefined | null): string {
  return (s ?? "").replace(/[\s\u00a0\u2007\u202f]+/gu, " ").trim();
}

// ISO 15924 codes by Unicode script property; the dominant script of a name's letters wins.
const SCRIPTS: [string, RegExp][] = [
  ["Latn", /\p{Script=Latin}/u],
  ["Cyrl", /\p{Script=Cyrillic}/u],
  ["Grek", /\p{Script=Greek}/u],
  ["Arab", /\p{Script=Arabic}/u],
  ["Hebr", /\p{Script=Hebrew}/u],
  ["Hani", /\p{Script=Han}/u],
  ["Hang", /\p{Script=Hangul}/u],
  ["Hira", /\p{Script=Hiragana}/u],
  ["Kana", /\p{Script=Katakana}/u],
  ["Geor", /\p{Script=Georgian}/u],
  ["Armn", /\p{Script=Armenian}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Deva", /\p{Script=Devanagari}/u],
  ["Beng", /\p{Script=Bengali}/u],
  ["Ethi", /\p{Script=Ethiopic}/u],
  ["Mymr", /\p{Script=Myanmar}/u],
  ["Khmr", /\p{Script=Khmer}/u],
  ["Syrc", /\p{Script=Syriac}/u],
  ["Thaa", /\p{Script=Thaana}/u],
  ["Tibt", /\p{Script=Tibetan}/u],
];
const LETTER = /\p{L}/u;

/** The ISO 15924 code of the script most of the letters are in; "Zyyy" when there are no letters. */
export function detectScript(s: string): string {
  const counts = new Map<string, number>();
  for (const ch of s) {
    if (!LETTER.test(ch)) continue;
    const hit = SCRIPTS.find(([, re]) => re.test(ch));
    const code = hit ? hit[0] : "Zyyy";
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let best = "Zyyy";
  let bestCount = 0;
  for (const [code, n] of counts) {
    if (code !== "Zyyy" && n > bestCount) [best, bestCount] = [code, n];
  }
  return best;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const LANGUAGE_BY_NAME = new Map<string, string>();
for (let a = 97; a <= 122; a++) {
  for (let b = 97; b <= 122; b++) {
    const code = String.fromCharCode(a, b);
    const name = languageNames.of(code);
    if (name && name.toLowerCase() !== code) LANGUAGE_BY_NAME.set(name.toLowerCase(), code);
  }
}
for (const [name, code] of Object.entries({ farsi: "fa", belarussian: "be", kirghiz: "ky", kyrgyz: "ky", pushto: "ps", burmese: "my", "chinese (simplified)": "zh", "chinese (traditional)": "zh", mandarin: "zh" })) {
  LANGUAGE_BY_NAME.set(name, code);
}
const ISO639_3: Record<string, string> = { rus: "ru", ukr: "uk", bel: "be", ara: "ar", fas: "fa", per: "fa", zho: "zh", chi: "zh", kor: "ko", jpn: "ja", eng: "en", fra: "fr", fre: "fr", deu: "de", ger: "de", spa: "es", ell: "el", gre: "el", heb: "he", kaz: "kk", kir: "ky", tgk: "tg", uzb: "uz", tuk: "tk", kat: "ka", geo: "ka", hye: "hy", arm: "hy", aze: "az", srp: "sr", bul: "bg", mkd: "mk", pus: "ps", urd: "ur" };

/** ISO 639-1 code from a publisher's language field ("BG", "ru", "rus", "Russian"); undefined when empty or unknown. */
export function normLang(s: string | undefined | null): string | undefined {
  const t = collapse(s).toLowerCase();
  if (!t) return undefined;
  if (/^[a-z]{2}$/.test(t)) return t;
  if (/^[a-z]{3}$/.test(t) && ISO639_3[t]) return ISO639_3[t];
  return LANGUAGE_BY_NAME.get(t);
}
