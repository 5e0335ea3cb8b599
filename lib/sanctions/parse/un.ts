// UN Security Council consolidated list (root <CONSOLIDATED_LIST>, <INDIVIDUAL> and <ENTITY>).
// QUALITY "Low" marks weak aliases; a NOTE "original script: …" / "name in Arabic script: …" of an
// alias or a document is a further alias.
import type { ListEntry, ListFile, ListHeader } from "../types";
import { birthDate, parseIsoDate, toIsoDay } from "./dates";
import { EntryDraft } from "./entry";
import { identifierFromLabel } from "./identifiers";
import { collapse } from "./text";
import { at, kids, mapRecords, textOf, xmlRecords, type XmlNode } from "./xml";

function dateOfBirth(draft: EntryDraft, d: XmlNode): void {
  const type = textOf(d, "TYPE_OF_DATE").toUpperCase();
  const circa = type === "APPROXIMATELY";
  const from = textOf(d, "FROM_YEAR");
  const to = textOf(d, "TO_YEAR");
  if (from || to) {
    const ok = /^\d{4}$/.test(from) && /^\d{4}$/.test(to) && +to >= +from;
    draft.addBirthDateText(`${from} to ${to}`, ok ? { year: +from, yearTo: +to, circa } : null);
  }
  const date = textOf(d, "DATE");
  if (date) draft.addBirthDateText(date, parseIsoDate(date, circa));
  const year = textOf(d, "YEAR");
  if (year) draft.addBirthDateText(year, /^\d{4}$/.test(year) ? birthDate(+year, undefined, undefined, circa) : null);
}

// "original script: Абу Банат", "in Arabic script: شركة الكوثر", "…; name in Arabic script: …".
const SCRIPT_NOTE_HEAD = /^(?:original|in [a-z]+|name in [a-z]+) script$/i;

function nameInPart(part: string): string {
  const colon = part.indexOf(":");
  return colon > 0 && SCRIPT_NOTE_HEAD.test(collapse(part.slice(0, colon))) ? collapse(part.slice(colon + 1)) : "";
}

/** Names the UN gives in a NOTE (of an alias or a travel document), one per "; " part. */
function namesInNote(note: XmlNode): string[] {
  return note.text
    .split(/;\s*/)
    .map(nameInPart)
    .filter(Boolean);
}

function aliases(draft: EntryDraft, node: XmlNode, tag: string): void {
  for (const a of kids(node, tag)) {
    const weak = textOf(a, "QUALITY").toLowerCase() === "low";
    draft.addName({ full: textOf(a, "ALIAS_NAME"), weak });
    for (const note of kids(a, "NOTE")) for (const name of namesInNote(note)) draft.addName({ full: name, weak });
    const dob = textOf(a, "DATE_OF_BIRTH");
    if (dob) draft.addBirthDateText(dob, parseIsoDate(dob));
  }
}

function unEntry(node: XmlNode, file: ListFile): ListEntry {
  const person = node.name === "INDIVIDUAL";
  const draft = new EntryDraft("un", textOf(node, "DATAID"), person ? "person" : "organisation");
  draft.reference = textOf(node, "REFERENCE_NUMBER") || undefined;
  draft.listedOn = toIsoDay(textOf(node, "LISTED_ON"));
  const parts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"].map((t) => textOf(node, t)).filter(Boolean);
  draft.addName(
    person && parts.length > 1
      ? { full: parts.join(" "), firstName: parts[0], middleName: parts.slice(1, -1).join(" "), lastName: parts[parts.length - 1], primary: true }
      : { full: parts.join(" "), primary: true },
  );
  draft.addName({ full: textOf(node, "NAME_ORIGINAL_SCRIPT") });
  aliases(draft, node, person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS");
  for (const d of kids(node, "INDIVIDUAL_DATE_OF_BIRTH")) dateOfBirth(draft, d);
  for (const v of at(node, "NATIONALITY/VALUE")) draft.addNationality(v.text);
  for (const doc of kids(node, "INDIVIDUAL_DOCUMENT")) {
    const label = [textOf(doc, "TYPE_OF_DOCUMENT"), textOf(doc, "TYPE_OF_DOCUMENT2")].filter(Boolean).join(" / ");
    const country = textOf(doc, "ISSUING_COUNTRY") || textOf(doc, "COUNTRY_OF_ISSUE");
    const number = textOf(doc, "NUMBER");
    if (number) draft.addIdentifier(identifierFromLabel(label || "document", number, country));
    // The name as written in the document ("name in Arabic script: …") is a further alias.
    for (const note of kids(doc, "NOTE")) for (const name of namesInNote(note)) draft.addName({ full: name });
  }
  draft.addProgramme(textOf(node, "UN_LIST_TYPE"));
  for (const v of at(node, "LIST_TYPE/VALUE")) draft.addLegalBasis(v.text);
  return draft.finish(file.name);
}

export function parseUn(file: ListFile): AsyncGenerator<ListEntry, ListHeader> {
  const records = xmlRecords(file, {
    format: "a UN Security Council consolidated list",
    root: "CONSOLIDATED_LIST",
    records: ["CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL", "CONSOLIDATED_LIST/ENTITIES/ENTITY"],
  });
  return mapRecords(records, (n) => unEntry(n, file), (h) => ({ publicationDate: h.rootAttrs.dateGenerated }));
}
