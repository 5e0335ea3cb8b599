// Structured, translatable reasons for a score. The page renders each code through the
// message catalogue; `subject` and `listed` are the words or values that were compared.

export const REASON_CODES = [
  "name-exact", // every part written the same (after case and accent folding)
  "name-transliterated", // a part in another script or romanisation system, same phonetic key
  "name-order", // parts matched in another order
  "name-equivalent", // another language's form of the same first name (Пётр / Peter, Владимир / Володимир)
  "initial", // an initial matched a full part
  "missing-part", // a part on one side only (not a patronymic)
  "missing-patronymic", // a patronymic on one side only
  "part-mismatch", // a part that matched nothing on the other side
  "gender-form", // masculine/feminine surname forms (Петров/Петрова, -ский/-ская)
  "spelling", // a part one or a few letters apart
  "mixed-script", // look-alike letters of the other script were folded
  "legal-form-ignored", // legal-form words (ООО, LLC, GmbH…) were left out
  "weak-alias", // the listed name is a weak / low-quality alias
  "kind-mismatch", // a person compared with an organisation
  "dob-exact",
  "dob-year",
  "dob-circa", // within a year of a circa date or inside a published range
  "dob-mismatch",
  "nationality-match",
  "nationality-mismatch",
  "identifier-match",
  "identifier-mismatch",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  subject?: string;
  listed?: string;
  /** For spelling: the similarity of the two parts (0–1, 2 decimals); for identifiers: the type. */
  detail?: string;
}
