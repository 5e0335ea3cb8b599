// EU consolidated financial sanctions list, xmlFullSanctionsList_1_1 (root <export>). The pre-2019
// format (root <WHOLE>) is refused: it lacks the strong/weak flag and the language of aliases.
import type { EntryKind, ListEntry, ListFile, ListHeader } from "../types";
import { toIso2 } from "./countries";
import { birthDate, parseIsoDate } from "./dates";
import { EntryDraft } from "./entry";
import { makeIdentifier } from "./identifiers";
import { kids, mapRecords, xmlRecords, type XmlNode } from "./xml";

const KINDS: Record<string, EntryKind> = { person: "person", enterprise: "organisation", vessel: "vessel", aircraft: "aircraft" };
// identificationTypeCode values of the FSF file.
const ID_TYPES: Record<string, string> = { passport: "passport", id: "national-id", ssn: "national-id", regnumber: "registration", fiscalcode: "tax", swiftbic: "swift", imo: "imo" };

function country(code: string | undefined, description: string | undefined): string | undefined {
  return code && code !== "00" ? code.toUpperCase() : description && !/^unknown$/i.test(description) ? toIso2(description) ?? description : undefined;
}

function euEntry(node: XmlNode, file: ListFile): ListEntry {
  const a = node.attrs;
  const subject = kids(node, "subjectType")[0]?.attrs.code ?? "";
  const draft = new EntryDraft("eu-fsf", a.logicalId ?? "", KINDS[subject] ?? "other");
  if (a.euReferenceNumber) draft.reference = a.euReferenceNumber;
  if (a.designationDate) draft.listedOn = parseIsoDate(a.designationDate)?.date;
  kids(node, "nameAlias").forEach((n, i) => {
    const x = n.attrs;
    draft.addName({ full: x.wholeName, firstName: x.firstName, middleName: x.middleName, lastName: x.lastName, lang: x.nameLanguage, primary: i === 0, weak: x.strong === "false" });
  });
  for (const b of kids(node, "birthdate")) {
    const x = b.attrs;
    const circa = x.circa === "true";
    if (x.yearRangeFrom && x.yearRangeTo) {
      draft.addBirthDate({ year: +x.yearRangeFrom, yearTo: +x.yearRangeTo, circa });
      continue;
    }
    const parsed = x.birthdate ? parseIsoDate(x.birthdate, circa) : x.year ? birthDate(+x.year, x.monthOfYear ? +x.monthOfYear : undefined, x.dayOfMonth ? +x.dayOfMonth : undefined, circa) : null;
    const raw = x.birthdate || [x.dayOfMonth, x.monthOfYear, x.year].filter(Boolean).join("/");
    if (raw) draft.addBirthDateText(raw, parsed);
  }
  for (const c of kids(node, "citizenship")) draft.addNationality(country(c.attrs.countryIso2Code, c.attrs.countryDescription));
  for (const id of kids(node, "identification")) {
    const x = id.attrs;
    const label = x.identificationTypeDescription || x.identificationTypeCode || "";
    const c = country(x.countryIso2Code, x.countryDescription);
    const iso = c && /^[A-Z]{2}$/.test(c) ? c : undefined;
    for (const value of [x.number, x.latinNumber]) {
      const made = makeIdentifier(label, value ?? "", iso);
      const type = ID_TYPES[x.identificationTypeCode ?? ""];
      // The publisher's type code wins over the label, except where the Russian number says more.
      if (made && type && made.type !== "inn" && made.type !== "ogrn") made.type = type;
      draft.addIdentifier(made);
    }
  }
  for (const r of kids(node, "regulation")) {
    draft.addProgramme(r.attrs.programme);
    draft.addLegalBasis(r.attrs.numberTitle);
  }
  return draft.finish(file.name);
}

export function parseEuFsf(file: ListFile): AsyncGenerator<ListEntry, ListHeader> {
  const records = xmlRecords(file, {
    format: "an EU FSF xmlFullSanctionsList_1_1 file",
    root: "export",
    records: ["export/sanctionEntity"],
    explainRoot: (root) => (root === "WHOLE" ? "this is the pre-2019 legacy EU format (root <WHOLE>); download xmlFullSanctionsList_1_1" : undefined),
  });
  return mapRecords(records, (n) => euEntry(n, file), (h) => ({ publicationDate: h.rootAttrs.generationDate }));
}
