// Look-alike letters: a Latin letter typed inside a Cyrillic word ("Пeтров" with a Latin e)
// and the reverse ("Ivаnov" with a Cyrillic а). Each word is folded to its dominant script.

const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: "а", b: "в", c: "с", e: "е", ë: "ё", h: "н", i: "і", ï: "ї", k: "к", m: "м", o: "о", p: "р", t: "т", x: "х", y: "у",
};
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "ë", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i", ї: "ï", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w",
};

const isCyrillic = (ch: string) => ch >= "\u0400" && ch <= "\u052f";
const isLatin = (ch: string) => (ch >= "a" && ch <= "z") || (ch >= "\u00c0" && ch <= "\u024f");

export type WordScript = "Cyrl" | "Latn" | "none";

/** Fold a lower-cased word to one script. Returns the word and whether letters were changed. */
export function foldLookalikes(word: string): { word: string; script: WordScript; folded: boolean } {
  let cyr = 0, lat = 0, cyrStrong = 0, latStrong = 0;
  for (const ch of word) {
    if (isCyrillic(ch)) {
      cyr++;
      if (!(ch in CYRILLIC_TO_LATIN)) cyrStrong++;
    } else if (isLatin(ch)) {
      lat++;
      if (!(ch in LATIN_TO_CYRILLIC)) latStrong++;
    }
  }
  if (cyr === 0 && lat === 0) return { word, script: "none", folded: false };
  if (cyr === 0) return { word, script: "Latn", folded: false };
  if (lat === 0) return { word, script: "Cyrl", folded: false };
  // Letters only one script has decide; failing that, the majority.
  const toCyrillic = cyrStrong !== latStrong ? cyrStrong > latStrong : cyr >= lat;
  const map = toCyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = "";
  for (const ch of word) out += (toCyrillic ? isLatin(ch) : isCyrillic(ch)) ? (map[ch] ?? ch) : ch;
  return { word: out, script: toCyrillic ? "Cyrl" : "Latn", folded: true };
}
