// HM Treasury / OFSI ConList CSV (legacy): Windows-1252 (later files UTF-8, read as such), CRLF, line 1 "Last Updated,<dd/mm/yyyy>",
// line 2 the header; one row per name, rows sharing a Group ID are one entry. Rows of a group are
// not guaranteed to be adjacent, so groups are held until the end (the file is a few MB).
import { ListFormatError, type ListEntry, type ListFile, type ListHeader } from "../types";
import { csvRecords } from "./csv";
import { parseDmy, parseTextDate, toIsoDay } from "./dates";
import { EntryDraft } from "./entry";
import { addUkDocuments, numbered, UK_KINDS, ukName } from "./uk-common";

const REQUIRED = ["Name 6", "Group Type", "Group ID"];

function headerIndex(fields: string[]): Map<string, number> {
  const m = new Map<string, number>();
  fields.forEach((f, i) => m.set(f.trim().toLowerCase(), i));
  return m;
}

export async function* parseUkOfsi(file: ListFile): AsyncGenerator<ListEntry, ListHeader> {
  let publicationDate: string | undefined;
  let cols: Map<string, number> | undefined;
  const groups = new Map<string, EntryDraft>();
  let line = 0;
  for await (const rec of csvRecords(file, { encoding: "utf-8-or-1252" })) {
    line++;
    const f = rec.fields;
    if (!cols) {
      if (line === 1 && /^last updated$/i.test(f[0]?.trim() ?? "")) {
        publicationDate = toIsoDay(f[1]);
        continue;
      }
      const idx = headerIndex(f);
      const missing = REQUIRED.filter((c) => !idx.has(c.toLowerCase()));
      if (missing.length) throw new ListFormatError("wrong-format", `${file.name} is not an OFSI ConList CSV: no ${missing.join(", ")} column on line ${rec.line}`);
      cols = idx;
      continue;
    }
    if (f.length !== cols.size && rec.unterminated) throw new ListFormatError("truncated", `${file.name}: the last line is cut off (${f.length} of ${cols.size} fields)`);
    if (f.length !== cols.size) throw new ListFormatError("malformed", `${file.name}: line ${rec.line} has ${f.length} fields, the header ${cols.size}`);
    const get = (name: string) => (cols!.has(name.toLowerCase()) ? (f[cols!.get(name.toLowerCase())!] ?? "").trim() : "");
    const id = get("Group ID");
    if (!/^\d+$/.test(id)) throw new ListFormatError("malformed", `${file.name}: line ${rec.line} has no numeric Group ID`);
    let draft = groups.get(id);
    if (!draft) {
      const kind = UK_KINDS[get("Group Type").toLowerCase()];
      if (!kind) throw new ListFormatError("malformed", `${file.name}: line ${rec.line} has Group Type "${get("Group Type")}"`);
      draft = new EntryDraft("uk-ofsi", id, kind);
      groups.set(id, draft);
    }
    draft.addName(ukName(["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"].map(get), get("Alias Type"), get("Alias Quality")));
    // Later ConList files carry the non-Latin name on the same row.
    const nonLatin = get("Name Non-Latin Script");
    if (nonLatin) draft.addName({ full: nonLatin, lang: get("Non-Latin Script Language") });
    for (const dob of numbered(get("DOB"))) draft.addBirthDateText(dob, parseDmy(dob) ?? parseTextDate(dob));
    for (const n of numbered(get("Nationality"))) draft.addNationality(n);
    addUkDocuments(draft, get("Passport Details"), "Passport");
    addUkDocuments(draft, get("NI Number") || get("National Identification Number"), "National Identification Number");
    draft.addProgramme(get("Regime"));
    draft.listedOn ??= toIsoDay(get("Listed On"));
  }
  if (!cols) throw new ListFormatError(line === 0 ? "empty" : "wrong-format", `${file.name}: no ConList header row`);
  if (groups.size === 0) throw new ListFormatError("empty", `${file.name}: no rows after the header`);
  for (const draft of groups.values()) yield draft.finish(file.name);
  return { publicationDate };
}
