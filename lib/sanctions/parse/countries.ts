// Country names, demonyms and codes to ISO 3166-1 alpha-2. Built from Intl (English and Russian
// region names) plus the publishers' own spellings; unknown text is returned unchanged by callers.

const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AA", "QM", "QN", "QP", "QQ", "QR", "QS", "QT", "QU", "QV", "QW", "QX", "QY", "QZ", "XC", "XD", "XE", "XF", "XG", "XH", "XI", "XJ", "XL", "XM", "XN", "XO", "XP", "XQ", "XR", "XS", "XT", "XU", "XV", "XW", "XX", "XY", "XZ"]);

/** Folds a country text to a lookup key: no accents, no punctuation, lower case, no leading "the". */
export function countryKey(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

const BY_KEY = new Map<string, string>();
export const ISO2 = new Set<string>();
for (const locale of ["en", "ru"]) {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      // Deprecated codes (SU, BU, ZR…) are aliases Intl names like their successors: skip them.
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      const name = names.of(code);
      if (!name || name === code) continue;
      ISO2.add(code);
      BY_KEY.set(countryKey(name), code);
    }
  }
}

const EXTRA: Record<string, string[]> = {
  RU: ["Russian Federation", "Russia Federation", "Российская Федерация", "РФ", "Russian", "USSR"],
  CD: ["Democratic Republic of the Congo", "Congo, Democratic Republic of the", "DRC", "Congo (Democratic Republic)", "Democratic Republic of Congo", "Zaire"],
  CG: ["Republic of the Congo", "Congo, Republic of the", "Congo (Brazzaville)"],
  IR: ["Iran (Islamic Republic of)", "Islamic Republic of Iran", "Iranian"],
  SY: ["Syrian Arab Republic", "Syrian"],
  KP: ["Democratic People's Republic of Korea", "DPRK", "North Korea", "Korea, North", "Korea, Democratic People's Republic of", "North Korean", "КНДР"],
  KR: ["Republic of Korea", "South Korea", "Korea, South", "South Korean"],
  TZ: ["United Republic of Tanzania", "Tanzanian"],
  LA: ["Lao People's Democratic Republic", "Laos", "Lao"],
  VN: ["Viet Nam", "Vietnamese"],
  BO: ["Bolivia (Plurinational State of)", "Bolivian"],
  VE: ["Venezuela (Bolivarian Republic of)", "Venezuelan"],
  MM: ["Burma", "Burmese"],
  CI: ["Ivory Coast", "Cote d'Ivoire", "Ivorian"],
  CZ: ["Czech Republic", "Czech", "Czechia"],
  TR: ["Turkey", "Türkiye", "Turkish"],
  MD: ["Republic of Moldova", "Moldova, Republic of", "Moldovan"],
  MK: ["The former Yugoslav Republic of Macedonia", "Macedonia", "North Macedonia", "Macedonian"],
  US: ["United States of America", "USA", "U.S.A.", "United States", "American", "США", "Соединенные Штаты Америки"],
  GB: ["UK", "Great Britain", "United Kingdom of Great Britain and Northern Ireland", "British", "Соединенное Королевство", "Великобритания"],
  PS: ["Palestine", "State of Palestine", "Occupied Palestinian Territory", "Palestinian", "Gaza Strip", "West Bank"],
  CV: ["Cabo Verde", "Cape Verde"],
  SZ: ["Swaziland", "Eswatini"],
  BA: ["Bosnia-Herzegovina", "Bosnia", "Bosnian"],
  VA: ["Holy See"],
  BN: ["Brunei Darussalam"],
  FM: ["Micronesia (Federated States of)"],
  XK: ["Kosovo"],
  AE: ["UAE", "United Arab Emirates", "Emirati"],
  SA: ["Saudi", "Saudi Arabian"],
  AF: ["Afghan", "Afghani"],
  AL: ["Albanian"], DZ: ["Algerian"], BY: ["Belarusian", "Belarussian", "Byelorussian", "Belorussian", "Беларусь", "Белоруссия"],
  CN: ["Chinese", "People's Republic of China"], CU: ["Cuban"], EG: ["Egyptian"], ER: ["Eritrean"], ET: ["Ethiopian"],
  FR: ["French"], DE: ["German"], GN: ["Guinean"], IN: ["Indian"], ID: ["Indonesian"], IQ: ["Iraqi"], IL: ["Israeli"],
  IT: ["Italian"], JO: ["Jordanian"], KE: ["Kenyan"], KW: ["Kuwaiti"], LB: ["Lebanese"], LY: ["Libyan", "Libyan Arab Jamahiriya"],
  MY: ["Malaysian"], ML: ["Malian"], MR: ["Mauritanian"], MA: ["Moroccan"], NG: ["Nigerian"], PK: ["Pakistani"],
  PH: ["Philippine", "Filipino"], QA: ["Qatari"], RW: ["Rwandan"], SO: ["Somali"], SD: ["Sudanese"], SS: ["South Sudanese"],
  TN: ["Tunisian"], UG: ["Ugandan"], UA: ["Ukrainian"], UZ: ["Uzbek", "Uzbekistani"], YE: ["Yemeni"], ZW: ["Zimbabwean"],
  KZ: ["Kazakh", "Kazakhstani"], KG: ["Kyrgyz", "Kirghiz", "Kyrgyzstani"], TJ: ["Tajik", "Tajikistani"], TM: ["Turkmen"],
  GE: ["Georgian"], AM: ["Armenian"], AZ: ["Azerbaijani", "Azeri"], RS: ["Serbian"], HR: ["Croatian"], BE: ["Belgian"],
  NL: ["Dutch"], ES: ["Spanish"], SE: ["Swedish"], DK: ["Danish"], NO: ["Norwegian"], CH: ["Swiss"], AT: ["Austrian"],
  PL: ["Polish"], SK: ["Slovak"], HU: ["Hungarian"], RO: ["Romanian"], BG: ["Bulgarian"], GR: ["Greek"], CY: ["Cypriot"],
  MT: ["Maltese"], CA: ["Canadian"], MX: ["Mexican"], CO: ["Colombian"], NI: ["Nicaraguan"], HT: ["Haitian"], BH: ["Bahraini"],
  OM: ["Omani"], BD: ["Bangladeshi"], LK: ["Sri Lankan"], NP: ["Nepalese", "Nepali"], TH: ["Thai"], KH: ["Cambodian"],
  MN: ["Mongolian"], JP: ["Japanese"], TD: ["Chadian"], NE: ["Nigerien"], CF: ["Central African"], SL: ["Sierra Leonean"],
  LR: ["Liberian"], CM: ["Cameroonian"], BI: ["Burundian"], AO: ["Angolan"], ZM: ["Zambian"], MZ: ["Mozambican"],
  SN: ["Senegalese"], GM: ["Gambian"], GH: ["Ghanaian"], BJ: ["Beninese"], TG: ["Togolese"], DJ: ["Djiboutian"],
  KM: ["Comoran", "Comorian"], TT: ["Trinidadian"], LV: ["Latvian"], LT: ["Lithuanian"], EE: ["Estonian"], FI: ["Finnish"],
  IE: ["Irish"], PT: ["Portuguese"], SI: ["Slovenian", "Slovene"], ME: ["Montenegrin"], BR: ["Brazilian"], AR: ["Argentine", "Argentinian"],
};
for (const [code, names] of Object.entries(EXTRA)) for (const n of names) BY_KEY.set(countryKey(n), code);

/** ISO alpha-2 for a country name, demonym or code; undefined when not recognisable ("00", "UNKNOWN", free text). */
export function toIso2(text: string | undefined | null): string | undefined {
  const t = (text ?? "").trim();
  if (!t) return undefined;
  if (/^[A-Z]{2}$/.test(t)) return ISO2.has(t) ? t : t === "UK" ? "GB" : undefined;
  return BY_KEY.get(countryKey(t));
}
