// Letter tables of the romanisation systems we cover, written from the standards (iuliia covers
// Russian only and is used in tests as an independent check; see decision 0016).
// Each table is "cyrillic=latin" pairs; an empty right side drops the letter.
// Context rules (word start, after a vowel, endings) live in transliterate.ts.

export const TRANSLIT_SYSTEMS = [
  "icao-9303",
  "gost-779-b",
  "bgn-pcgn",
  "mvd-310",
  "mvd-782",
  "scientific",
  "german",
  "french",
  "ukrainian-national",
  "belarusian-national",
] as const;
export type TranslitSystem = (typeof TRANSLIT_SYSTEMS)[number];
export type CyrillicLanguage = "ru" | "uk" | "be";

function table(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.trim().split(/\s+/)) {
    const [from = "", to = ""] = pair.split("=");
    out[from] = to;
  }
  return out;
}

const RU_COMMON = "а=a б=b в=v г=g д=d е=e з=z и=i к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f";

/** Base tables for Russian; `uk` and `be` override letters that differ or exist only there. */
export const TABLES: Record<TranslitSystem, Record<CyrillicLanguage, Record<string, string>>> = {
  "icao-9303": langs(
    `${RU_COMMON} ё=e ж=zh й=i х=kh ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e ю=iu я=ia ґ=g є=ie і=i ї=i ў=u`,
    "г=h и=y",
    "г=h",
  ),
  "gost-779-b": langs(
    `${RU_COMMON} ё=yo ж=zh й=j х=x ц=cz ч=ch ш=sh щ=shh ъ=\`\` ы=y\` ь=\` э=e\` ю=yu я=ya ґ=g є=ye і=i ї=yi ў=u\``,
    "г=g` и=y`",
    "г=g`",
  ),
  "bgn-pcgn": langs(
    `${RU_COMMON} ё=ë ж=zh й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ=” ы=y ь=’ э=e ю=yu я=ya ґ=g є=ye і=i ї=yi ў=w`,
    "г=h и=y",
    "г=h",
  ),
  "mvd-310": langs(
    `${RU_COMMON} ё=e ж=zh й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ=" ы=y ь=' э=e ю=yu я=ya ґ=g є=ye і=i ї=yi ў=u`,
    "",
    "",
  ),
  "mvd-782": langs(
    `${RU_COMMON} ё=yo ж=zh й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ=' ы=y ь=' э=e ю=yu я=ya ґ=g є=ye і=i ї=yi ў=u`,
    "",
    "",
  ),
  scientific: langs(
    `${RU_COMMON} ё=ë ж=ž й=j х=x ц=c ч=č ш=š щ=šč ъ=ʺ ы=y ь=ʹ э=è ю=ju я=ja ґ=g є=je і=i ї=ji ў=ŭ`,
    "г=h и=y",
    "г=h",
  ),
  german: langs(
    `${RU_COMMON} в=w з=s ё=jo ж=sch й=i х=ch ц=z ч=tsch ш=sch щ=schtsch ъ= ы=y ь= э=e ю=ju я=ja ґ=g є=je і=i ї=ji ў=u`,
    "г=h и=y й=j",
    "г=h",
  ),
  french: langs(
    `${RU_COMMON} у=ou ё=io ж=j й=ï х=kh ц=ts ч=tch ш=ch щ=chtch ъ= ы=y ь= э=e ю=iou я=ia ґ=g є=ie і=i ї=ï ў=ou`,
    "г=h и=y",
    "г=h",
  ),
  // Ukrainian: resolution of the Cabinet of Ministers no. 55 (2010), used in passports.
  "ukrainian-national": langs(
    `${RU_COMMON} ё=io ж=zh й=i х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=iu я=ia ґ=g є=ie і=i ї=i ў=u`,
    "г=h и=y",
    "г=h",
  ),
  // Belarusian: the 2007 national system (Łacinka-based), used on maps and in passports since 2008 only partly.
  "belarusian-national": langs(
    `${RU_COMMON} ё=io ж=ž й=j х=ch ц=c ч=č ш=š щ=šč ъ= ы=y ь=ʹ э=e ю=iu я=ia ґ=g є=je і=i ї=ji ў=ŭ`,
    "г=h и=y",
    "г=h",
  ),
};

function langs(ru: string, uk: string, be: string): Record<CyrillicLanguage, Record<string, string>> {
  const base = table(ru);
  return { ru: base, uk: { ...base, ...table(uk || "г=g") }, be: { ...base, ...table(be || "г=g") } };
}
