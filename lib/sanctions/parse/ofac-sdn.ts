// OFAC SDN.XML (root <sdnList>, default namespace http://tempuri.org/sdnList.xsd; elements are
// matched by local name so a prefixed or renamed namespace still reads).
import type { EntryKind, ListEntry, ListFile, ListHeader } from "../types";
import { parseTextDate, toIsoDay } from "./dates";
import { EntryDraft } from "./entry";
import { identifierFromLabel } from "./identifiers";
import { at, mapRecords, textOf, xmlRecords, type XmlNode } from "./xml";

const KINDS: Record<string, EntryKind> = { individual: "person", entity: "organisation", vessel: "vessel", aircraft: "aircraft" };

/** OFAC writes individuals "LAST, First"; in the XML the parts are separate. */
function addOfacName(draft: EntryDraft, n: XmlNode, primary: boolean, weak: boolean): void {
  const first = textOf(n, "firstName");
  const last = textOf(n, "lastName");
  draft.addName({ full: [first, last].filter(Boolean).join(" "), firstName: first, lastName: first ? last : undefined, primary, weak });
}

function sdnEntry(node: XmlNode, file: ListFile): ListEntry {
  const type = textOf(node, "sdnType").toLowerCase();
  const draft = new EntryDraft("ofac-sdn", textOf(node, "uid"), KINDS[type] ?? "other");
  addOfacName(draft, node, true, false);
  for (const aka of at(node, "akaList/aka")) addOfacName(draft, aka, false, textOf(aka, "category").toLowerCase() === "weak");
  for (const d of at(node, "dateOfBirthList/dateOfBirthItem")) {
    const raw = textOf(d, "dateOfBirth");
    if (raw) draft.addBirthDateText(raw, parseTextDate(raw));
  }
  for (const c of [...at(node, "nationalityList/nationality"), ...at(node, "citizenshipList/citizenship")]) draft.addNationality(textOf(c, "country"));
  for (const id of at(node, "idList/id")) {
    draft.addIdentifier(identifierFromLabel(textOf(id, "idType"), textOf(id, "idNumber"), textOf(id, "idCountry")));
  }
  const callSign = at(node, "vesselInfo/callSign")[0];
  if (callSign) draft.addIdentifier(identifierFromLabel("Call Sign", callSign.text));
  for (const p of at(node, "programList/program")) draft.addProgramme(p.text);
  return draft.finish(file.name);
}

export function parseOfacSdn(file: ListFile): AsyncGenerator<ListEntry, ListHeader> {
  const records = xmlRecords(file, { format: "an OFAC SDN.XML file", root: "sdnList", records: ["sdnList/sdnEntry"] });
  return mapRecords(records, (n) => sdnEntry(n, file), (h) => ({ publicationDate: toIsoDay(h.texts.get("publshInformation/Publish_Date"), true) }));
}
