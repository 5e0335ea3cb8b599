// Builds one ListEntry: names, dates, identifiers collected without duplicates, checked on finish.
import { ListFormatError, type AnySource, type EntryKind, type ListBirthDate, type ListEntry, type ListIdentifier, type ListName } from "../types";
import { toIso2 } from "./countries";
import { collapse, detectScript, normLang } from "./text";

export interface NameInput {
  full?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  lang?: string;
  primary?: boolean;
  weak?: boolean;
}

export class EntryDraft {
  readonly names: ListName[] = [];
  readonly birthDates: ListBirthDate[] = [];
  readonly nationalities: string[] = [];
  readonly identifiers: ListIdentifier[] = [];
  readonly programmes: string[] = [];
  readonly legalBasis: string[] = [];
  listedOn?: string;
  delistedOn?: string;
  reference?: string;
  private readonly keys = new Set<string>();

  constructor(
    readonly source: AnySource,
    public sourceId: string,
    public kind: EntryKind,
  ) {}

  /** Adds a name; the same text in the same language is kept once (strong and primary win). */
  addName(input: NameInput): void {
    const parts = { firstName: collapse(input.firstName), middleName: collapse(input.middleName), lastName: collapse(input.lastName) };
    const full = collapse(input.full) || collapse([parts.firstName, parts.middleName, parts.lastName].join(" "));
    if (!full) return;
    const lang = normLang(input.lang);
    const found = this.names.find((n) => n.full === full && n.lang === lang);
    if (found) {
      found.primary ||= Boolean(input.primary);
      found.weak &&= Boolean(input.weak);
      return;
    }
    const name: ListName = { full, script: detectScript(full), primary: Boolean(input.primary), weak: Boolean(input.weak) };
    if (parts.firstName) name.firstName = parts.firstName;
    if (parts.middleName) name.middleName = parts.middleName;
    if (parts.lastName) name.lastName = parts.lastName;
    if (lang) name.lang = lang;
    this.names.push(name);
  }

  addBirthDate(d: ListBirthDate | null | undefined): void {
    if (d && this.once("dob", JSON.stringify([d.date, d.year, d.month, d.circa, d.yearTo, d.text]))) this.birthDates.push(d);
  }

  /** Unreadable date text is kept as text (never dropped) so a reviewer still sees it. */
  addBirthDateText(raw: string, parsed: ListBirthDate | null): void {
    const text = collapse(raw);
    if (!text) return;
    this.addBirthDate(parsed ?? { circa: /circa|approx/i.test(text), text });
  }

  /** A country code or name; kept as the publisher's text when not recognisable. */
  addNationality(text: string | undefined | null): void {
    const t = collapse(text).replace(/\s+(citizenship|citizen|national|nationality)$/i, "");
    if (!t || /^(unknown|00|n\/?a|none|-)$/i.test(t)) return;
    const v = toIso2(t) ?? t;
    if (this.once("nat", v)) this.nationalities.push(v);
  }

  addIdentifier(id: ListIdentifier | null | undefined): void {
    if (!id) return;
    const value = collapse(id.value);
    if (!value) return;
    const clean: ListIdentifier = { type: id.type, value };
    if (id.country) clean.country = id.country;
    if (id.label) clean.label = collapse(id.label);
    if (this.once("id", JSON.stringify([clean.type, clean.value, clean.country]))) this.identifiers.push(clean);
  }

  addProgramme(p: string | undefined | null): void {
    const t = collapse(p);
    if (t && this.once("prog", t)) this.programmes.push(t);
  }

  addLegalBasis(p: string | undefined | null): void {
    const t = collapse(p);
    if (t && this.once("law", t)) this.legalBasis.push(t);
  }

  private once(kind: string, key: string): boolean {
    const k = `${kind}\u0000${key}`;
    if (this.keys.has(k)) return false;
    this.keys.add(k);
    return true;
  }

  /** The finished entry; an entry without id or without any name is a broken file, not a skip. */
  finish(where: string): ListEntry {
    if (!collapse(this.sourceId)) throw new ListFormatError("malformed", `${where}: an entry has no id`);
    if (this.names.length === 0) throw new ListFormatError("malformed", `${where}: entry ${this.sourceId} has no name`);
    const first = this.names[0];
    if (first && !this.names.some((n) => n.primary)) first.primary = true;
    const entry: ListEntry = {
      source: this.source,
      sourceId: collapse(this.sourceId),
      kind: this.kind,
      names: this.names,
      birthDates: this.birthDates,
      nationalities: this.nationalities,
      identifiers: this.identifiers,
      programmes: this.programmes,
      legalBasis: this.legalBasis,
    };
    if (this.reference) entry.reference = this.reference;
    if (this.listedOn) entry.listedOn = this.listedOn;
    if (this.delistedOn) entry.delistedOn = this.delistedOn;
    return entry;
  }
}
