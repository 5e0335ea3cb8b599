// The sanctions name matcher: pure functions, no I/O. See docs/decisions/0016-sanctions-name-matching.md.
export { normaliseWords, type NormalWord } from "./normalise";
export { foldLookalikes } from "./lookalikes";
export { transliterate, detectCyrillicLanguage } from "./transliterate";
export { TRANSLIT_SYSTEMS, type TranslitSystem, type CyrillicLanguage } from "./translit-tables";
export { cyrillicKey, latinKeys, wordKeys } from "./phonetic";
export { stripLegalForms } from "./legal-forms";
export { prepareName, isPrepared, type PreparedName, type PreparedWord, type NameKind } from "./prepare";
export { nameKeys, KEY_VERSION, type NameKeys } from "./keys";
export { scoreNames, nameScoreOnly, type NameScore } from "./score-names";
export { REASON_CODES, type Reason, type ReasonCode } from "./reasons";
export {
  scoreEntry,
  prepareSubject,
  prepareEntry,
  compareBirthDate,
  DEFAULT_THRESHOLD,
  type ScreeningSubject,
  type PreparedSubject,
  type PreparedEntry,
  type ScoredEntry,
  type EntryScore,
} from "./score-entry";
export { normaliseIdentifier, identifierFamily, isStrongIdentifier } from "./identifiers";
export { editDistance } from "./score-names";
export { metrics, confusion, bestThreshold, parseLabelled, type LabelledPair, type Metrics, type Confusion } from "./evaluate";
