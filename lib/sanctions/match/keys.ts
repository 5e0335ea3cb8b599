// Database keys of a name, stored per listed name and indexed by the lead:
//  - key:    primary phonetic keys of the name's words, sorted, space-joined (the candidate index, name-index.ts);
//  - tokens: every phonetic key of every word (all conventions; persons also the gender stem),
//            sorted and unique, for the candidate index.
// Left out of both: legal-form words, initials, words whose key is shorter than 2 letters.
// Changing any rule that changes a key for some input requires bumping KEY_VERSION, so the
// stored keys are recomputed (the lead re-keys names whose stored version differs).

import { prepareName, type NameKind, type PreparedName } from "./prepare";

export const KEY_VERSION = 1;

export interface NameKeys {
  key: string;
  tokens: string[];
}

export function nameKeys(name: string | PreparedName, kind: NameKind): NameKeys {
  const p = typeof name === "string" ? prepareName(name, kind) : name;
  const words = p.words.filter((w) => !w.initial && w.keys[0] && w.keys[0].length >= 2);
  const primary = words.map((w) => (p.kind === "person" ? w.stems[0] : w.keys[0])).sort();
  const tokens = new Set<string>();
  for (const w of words) for (const k of [...w.keys, ...w.stems]) if (k.length >= 2) tokens.add(k);
  return { key: primary.join(" "), tokens: [...tokens].sort() };
}
