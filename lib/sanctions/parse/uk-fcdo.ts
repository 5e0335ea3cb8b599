// FCDO "UK Sanctions List" XML (root <Designations>, one <Designation> per person, entity or ship).
// Publisher quirks handled: NameType in any casing, dates "dd/mm/1945" with literal placeholders.
import type { ListEntry, ListFile, ListHeader } from "../types";
import { toIso2 } from "./countries";
import { parseDmy, parseTextDate, toIsoDay } from "./dates";
import { EntryDraft } from "./entry";
import { identifierFromLabel } from "./identifiers";
import { addRegistrationNumbers, addUkDocuments, UK_KINDS, ukName } from "./uk-common";
import { at, mapRecords, textOf, xmlRecords, type XmlNode } from "./xml";

function fcdoEntry(node: XmlNode, file: ListFile): ListEntry {
  const kind = UK_KINDS[textOf(node, "IndividualEntityShip").toLowerCase()] ?? "other";
  const draft = new EntryDraft("uk-fcdo", textOf(node, "UniqueID"), kind);
  const group = textOf(node, "OFSIGroupID");
  if (group) draft.reference = `OFSI ${group}`;
  draft.listedOn = toIsoDay(textOf(node, "DateDesignated"));
  for (const n of at(node, "Names/Name")) {
    draft.addName(ukName([1, 2, 3, 4, 5, 6].map((i) => textOf(n, `Name${i}`)), textOf(n, "NameType"), textOf(n, "AliasStrength")));
  }
  for (const n of at(node, "NonLatinNames/NonLatinName")) {
    draft.addName({ full: textOf(n, "NameNonLatinScript"), lang: textOf(n, "NonLatinScriptLanguage") });
  }
  const person = at(node, "IndividualDetails/Individual")[0];
  for (const d of at(person, "DOBs/DOB")) {
    const raw = d.text.trim();
    if (raw) draft.addBirthDateText(raw, parseDmy(raw) ?? parseTextDate(raw));
  }
  for (const n of at(person, "Nationalities/Nationality")) draft.addNationality(n.text);
  for (const p of at(person, "PassportDetails/Passport")) {
    const extra = textOf(p, "PassportAdditionalInformation");
    const id = identifierFromLabel("Passport", textOf(p, "PassportNumber"), /issued by|\(/i.test(extra) ? extra.replace(/^.*issued by\s*/i, "").replace(/[()]/g, "") : extra);
    if (id && extra) id.label = `Passport (${extra})`;
    draft.addIdentifier(id);
  }
  for (const p of at(person, "NationalIdentifierDetails/NationalIdentifier")) {
    addUkDocuments(draft, textOf(p, "NationalIdentifierNumber"), textOf(p, "NationalIdentifierAdditionalInformation") || "National Identification Number");
  }
  const country = toIso2(at(node, "Addresses/Address/AddressCountry")[0]?.text);
  for (const r of at(node, "EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber")) addRegistrationNumbers(draft, r.text, country);
  for (const imo of at(node, "ShipDetails/Ship/IMONumbers/IMONumber")) draft.addIdentifier(identifierFromLabel("IMO", imo.text));
  draft.addProgramme(textOf(node, "RegimeName"));
  const un = textOf(node, "UNReferenceNumber");
  draft.addLegalBasis(un ? `UN ${un}` : textOf(node, "DesignationSource"));
  return draft.finish(file.name);
}

export function parseUkFcdo(file: ListFile): AsyncGenerator<ListEntry, ListHeader> {
  const records = xmlRecords(file, { format: "an FCDO UK Sanctions List XML file", root: "Designations", records: ["Designations/Designation"] });
  return mapRecords(records, (n) => fcdoEntry(n, file), (h) => ({
    publicationDate: h.rootAttrs.DateGenerated ?? h.rootAttrs.dateGenerated ?? h.texts.get("DateGenerated"),
  }));
}
