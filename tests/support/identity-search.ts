// Searching copies of the data (a database dump, the storage folder, the logs) for the
// identity of a protected organisation, as someone holding such a copy would: every needle
// as written, in lower case, transliterated Cyrillic↔Latin and without diacritics, and each
// of those as UTF-8 text, UTF-16LE, hex of its UTF-8 bytes (how a dump shows bytea) and
// base64. Pure: no files, no database.

export type Needle = { label: string; value: string };
export type Variant = { how: string; text: string };
export type Hit = { needle: string; value: string; variant: string; encoding: string; where: string; context: string };

// Russian Cyrillic to Latin, two common schemes: BGN/PCGN-like (as in most English texts,
// "Severny pravozashchitny tsentr") and the passport one (ICAO 9303: й i, ю iu, я ia).
const BGN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "yo", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p",
  р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};
const ICAO: Record<string, string> = { ...BGN, ё: "e", й: "i", ъ: "ie", ю: "iu", я: "ia" };

// Latin to Cyrillic: longest sequence first; word endings as Russian writes them.
const LAT_TO_CYR: Array<[string, string]> = [
  ["shch", "щ"], ["zh", "ж"], ["kh", "х"], ["ts", "ц"], ["ch", "ч"], ["sh", "ш"], ["yu", "ю"], ["iu", "ю"], ["ya", "я"], ["ia", "я"], ["yo", "ё"],
  ["č", "ч"], ["š", "ш"], ["ž", "ж"], ["ř", "рж"], ["w", "в"], ["x", "кс"], ["q", "к"], ["h", "х"], ["c", "ц"], ["j", "й"],
  ["a", "а"], ["b", "б"], ["v", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["z", "з"], ["i", "и"], ["y", "ы"], ["k", "к"], ["l", "л"], ["m", "м"],
  ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"], ["s", "с"], ["t", "т"], ["u", "у"], ["f", "ф"],
];
const ENDINGS: Array<[RegExp, string]> = [[/(ск|цк)ы(?=$|[^а-яё])/g, "$1ий"], [/ы(?=$|[^а-яё])/g, "ый"], [/(^|[^а-яё])ы/g, "$1й"]];

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

export function cyrillicToLatin(text: string, scheme: "bgn" | "icao" = "bgn"): string {
  const table = scheme === "bgn" ? BGN : ICAO;
  return [...text.toLowerCase()].map((ch) => table[ch] ?? ch).join("");
}

export function latinToCyrillic(text: string): string {
  // Czech and Slovak letters keep their sound (č ч, š ш, ž ж, ř рж); other accents go.
  const src = [...text.toLowerCase().normalize("NFC")].map((ch) => ("čšžř".includes(ch) ? ch : fold(ch))).join("");
  let out = "";
  for (let i = 0; i < src.length; ) {
    const hit = LAT_TO_CYR.find(([lat]) => src.startsWith(lat, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += src[i];
      i++;
    }
  }
  return ENDINGS.reduce((s, [re, to]) => s.replace(re, to), out);
}

/** Every way the needle may be written (each is also searched in any letter case). Duplicates dropped. */
export function variantsOf(value: string): Variant[] {
  const hasCyrillic = /[а-яё]/i.test(value);
  const candidates: Variant[] = [
    { how: "as is", text: value },
    { how: "without diacritics", text: fold(value) },
    ...(hasCyrillic
      ? [{ how: "Cyrillic→Latin (BGN)", text: cyrillicToLatin(value, "bgn") }, { how: "Cyrillic→Latin (passport)", text: cyrillicToLatin(value, "icao") }]
      : [{ how: "Latin→Cyrillic", text: latinToCyrillic(value) }]),
  ];
  const seen = new Set<string>();
  return candidates.filter((v) => v.text.trim().length >= 3 && !seen.has(v.text.toLowerCase()) && seen.add(v.text.toLowerCase()));
}

/** A haystack read in each way a needle could be stored in it, in lower case (`raw`: UTF-8 as stored, for base64). */
function viewsOf(bytes: Buffer) {
  const utf8 = bytes.toString("utf8");
  const utf16 = [bytes.toString("utf16le"), bytes.subarray(1).toString("utf16le")].join("\u0000");
  return {
    raw: utf8,
    folded: [
      { encoding: "utf-8", text: utf8.toLowerCase(), original: utf8 },
      { encoding: "utf-16le", text: utf16.toLowerCase(), original: utf16 },
    ],
  };
}

/** base64 of the text's UTF-8 bytes after 0, 1 or 2 bytes of anything, less the characters its neighbours share. */
function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, "utf8");
  return [0, 1, 2]
    .map((shift) => {
      const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
      const start = shift === 0 ? 0 : shift === 1 ? 2 : 3;
      const end = Math.floor(((shift + bytes.length) * 8) / 6);
      return b64.slice(start, end);
    })
    .filter((s) => s.length >= 6);
}

const snippet = (text: string, at: number, length: number) => JSON.stringify(text.slice(Math.max(0, at - 30), at + length + 30)).slice(0, 160);

/** Every needle found in the bytes (at most one hit per needle: the most direct form). */
export function searchBytes(bytes: Buffer | string, where: string, needles: Needle[]): Hit[] {
  const views = viewsOf(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "utf8"));
  const hits: Hit[] = [];
  const hit = (needle: Needle, variant: string, encoding: string, text: string, at: number, length: number) =>
    hits.push({ needle: needle.label, value: needle.value, variant, encoding, where, context: snippet(text, at, length) });
  for (const needle of needles) {
    found: for (const variant of variantsOf(needle.value)) {
      const lower = variant.text.toLowerCase();
      for (const view of views.folded) {
        for (const [encoding, text] of [["", lower], ["hex of utf-8 in ", Buffer.from(lower, "utf8").toString("hex")], ["hex of utf-8 in ", Buffer.from(variant.text, "utf8").toString("hex")]] as const) {
          const at = view.text.indexOf(text);
          if (at < 0) continue;
          hit(needle, encoding || view.original.includes(variant.text) ? variant.how : `${variant.how}, other letter case`, `${encoding}${view.encoding}`, view.original, at, text.length);
          break found;
        }
      }
      for (const text of [...base64Forms(variant.text), ...base64Forms(lower)]) {
        const at = views.raw.indexOf(text);
        if (at < 0) continue;
        hit(needle, variant.how, "base64 of utf-8", views.raw, at, text.length);
        break found;
      }
    }
  }
  return hits;
}

/** One line per hit, for a failing test to print. */
export function describeHits(hits: Hit[]): string {
  return hits.map((h) => `${h.needle} = ${JSON.stringify(h.value)} [${h.variant}, ${h.encoding}] in ${h.where}: ${h.context}`).join("\n");
}
