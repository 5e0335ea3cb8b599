// Shapes shared by the list parsers (lib/sanctions/parse/), the matcher (lib/sanctions/match/)
// and the database side (import, screening). Pure types: no I/O here.

/** Sources we import. Russian designations are risk context only (never a block). */
export const LIST_SOURCES = ["eu-fsf", "un", "ofac-sdn", "ofac-csv", "uk-fcdo", "uk-ofsi"] as const;
export const RISK_SOURCES = ["ru-undesirable", "ru-foreign-agents"] as const;
export type ListSource = (typeof LIST_SOURCES)[number];
export type RiskSource = (typeof RISK_SOURCES)[number];
export type AnySource = ListSource | RiskSource;

export type EntryKind = "person" | "organisation" | "vessel" | "aircraft" | "other";

export interface ListName {
  /** The name as published, whitespace-collapsed, never otherwise rewritten. */
  full: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  /** ISO 15924 code detected from the letters ("Latn", "Cyrl", "Grek", "Arab", …; "Zyyy" unknown). */
  script: string;
  /** ISO 639-1 language when the publisher says it (EU nameLanguage, UK non-Latin names…). */
  lang?: string;
  /** The entry's main name (the rest are aliases). */
  primary: boolean;
  /** Publisher marks it weak / low quality ("a.k.a. weak", OFAC "weak", UN "Low", UK "Alias Quality"). */
  weak: boolean;
}

export interface ListBirthDate {
  /** YYYY-MM-DD when the full date is known. */
  date?: string;
  year?: number;
  month?: number;
  /** "circa", "approximately", UN TYPE_OF_DATE=APPROXIMATELY, EU circa="true". */
  circa: boolean;
  /** A range (UN BETWEEN, OFAC "1960 to 1962"): yearTo is its end. */
  yearTo?: number;
  /** The publisher's text when it could not be read as a date (kept, never dropped). */
  text?: string;
}

export interface ListIdentifier {
  /** Normalised type: passport | national-id | registration | tax | inn | ogrn | swift | imo | other */
  type: string;
  value: string;
  /** ISO 3166-1 alpha-2 when known. */
  country?: string;
  /** The publisher's own wording of the type, kept for the explanation. */
  label?: string;
}

export interface ListEntry {
  source: AnySource;
  /** The publisher's stable id for the entry (EU logicalId / euReferenceNumber, UN DATAID, OFAC uid/ent_num, UK unique id / Group ID). */
  sourceId: string;
  kind: EntryKind;
  names: ListName[];
  birthDates: ListBirthDate[];
  /** ISO 3166-1 alpha-2, upper case, when recognisable; otherwise the publisher's text. */
  nationalities: string[];
  identifiers: ListIdentifier[];
  /** Sanctions programmes / regimes ("UKR", "RUSSIA-EO14024", "Russia"…). */
  programmes: string[];
  /** Legal basis (regulation numbers, resolutions). */
  legalBasis: string[];
  /** YYYY-MM-DD the entry was listed, when given. */
  listedOn?: string;
  /** The publisher's human reference when it differs from sourceId (EU.36.64, UN CDi.001, UK RUS0001). */
  reference?: string;
  /** YYYY-MM-DD the entry was removed from a register that keeps removed rows (Russian foreign agents). */
  delistedOn?: string;
}

/** What a file says about itself; returned by the parser when the stream ends. */
export interface ListHeader {
  /** YYYY-MM-DD (or full ISO timestamp) of publication when the file carries it. */
  publicationDate?: string;
  /** Things the parser tolerated and an admin should know (e.g. OFAC alt.csv rows for no sdn.csv entry). */
  warnings?: string[];
}

/** One input file; `open` may be called more than once (multi-file sets are joined by id). */
export interface ListFile {
  name: string;
  open(): AsyncIterable<Uint8Array>;
}

export type ListFormatProblem = "wrong-format" | "malformed" | "truncated" | "empty" | "missing-file" | "encoding";

/** Thrown by a parser: the whole file is refused. `detail` is for logs and the admin (never user data). */
export class ListFormatError extends Error {
  constructor(
    readonly problem: ListFormatProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = "ListFormatError";
  }
}
