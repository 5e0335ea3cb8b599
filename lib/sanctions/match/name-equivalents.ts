// Forms of one first name across Russian, Ukrainian, Belarusian and Western usage
// (Пётр / Petro / Piatro / Peter / Pierre). Spellings are reduced to phonetic keys at load, so
// any romanisation of a listed form matches. Kept small: only names whose forms differ by more
// than spelling noise. A pair found here scores as an equivalent, not as an exact match.

import { normaliseWords } from "./normalise";
import { wordKeys } from "./phonetic";

const GROUPS = `
пётр петро пятро peter pierre piotr pietro
сергей сергій сяргей serge sergio serhiy
александр олександр аляксандр alexander alexandre alessandro aleksander
алексей олексій аляксей alexis
михаил михайло міхаіл michael michel michal
николай микола мікалай nicholas nicolas nikolaus
владимир володимир уладзімір wladimir waldemar
дмитрий дмитро дзмітрый dmytro
андрей андрій андрэй andrew andre andreas andrzej
григорий григорій рыгор gregory gregor
павел павло павал paul paolo
фёдор федір тодар theodore
иосиф йосип joseph josef
яков яків jacob jakob
георгий юрий юрій george georg
иван іван ян john johann jan
анна ганна hanna
екатерина катерина кацярына catherine katharina
мария марія марыя marie mary
наталья наталія наталля nathalie natalie
софия софія sofia sophie
елизавета єлизавета elizabeth elisabeth
ольга вольга olga
евгений євген яўген eugene
василий василь васіль basil
`;

const groupOf = new Map<string, number>();
GROUPS.trim()
  .split("\n")
  .forEach((line, g) => {
    for (const spelling of line.trim().split(/\s+/)) {
      for (const w of normaliseWords(spelling)) for (const k of wordKeys(w)) if (!groupOf.has(k)) groupOf.set(k, g);
    }
  });

/** The equivalence group of a word's keys, or -1. */
export function nameGroup(keys: string[]): number {
  for (const k of keys) {
    const g = groupOf.get(k);
    if (g !== undefined) return g;
  }
  return -1;
}
