// OFAC legacy CSV set: sdn.csv (required, streamed) joined by ent_num with alt.csv, add.csv and
// sdn_comments.csv (small; indexed in memory). No header row; "-0-" means empty.
import { ListFormatError, type EntryKind, type ListEntry, type ListFile, type ListHeader } from "../types";
import { csvRecords, type CsvRecord } from "./csv";
import { EntryDraft } from "./entry";
import { identifierFromLabel } from "./identifiers";
import { applyRemarks } from "./ofac-remarks";
import { collapse } from "./text";

const KINDS: Record<string, EntryKind> = { individual: "person", vessel: "vessel", aircraft: "aircraft", "": "organisation" };
const FILES = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] as const;
type OfacFile = (typeof FILES)[number];
// Columns per file (sdn: ent_num, name, type, program, title, call_sign, vess_type, tonnage, grt, vess_flag, vess_owner, remarks).
const WIDTH: Record<OfacFile, number> = { "sdn.csv": 12, "alt.csv": 5, "add.csv": 6, "sdn_comments.csv": 2 };

/** The ent_num of a row (rows() has checked it is there and numeric). */
const entNum = (fields: string[]) => (fields[0] ?? "").trim();

function value(s: string | undefined): string {
  const t = collapse(s);
  return t === "-0-" ? "" : t;
}

/** Rows of one file, checked for width and a numeric ent_num; a bad first row means another format. */
async function* rows(file: ListFile, kind: OfacFile): AsyncGenerator<CsvRecord> {
  let n = 0;
  for await (const rec of csvRecords(file, { encoding: "utf-8-or-1252" })) {
    // The real files end with a Ctrl-Z (0x1A) line.
    if (rec.fields.length === 1 && entNum(rec.fields) === "\u001a") continue;
    const ok = rec.fields.length === WIDTH[kind] && /^\d+$/.test(entNum(rec.fields));
    if (!ok) {
      if (n === 0) throw new ListFormatError("wrong-format", `${file.name} is not an OFAC ${kind} file: line ${rec.line} has ${rec.fields.length} fields (expected ${WIDTH[kind]}, starting with ent_num)`);
      if (rec.unterminated) throw new ListFormatError("truncated", `${file.name}: the last line is cut off (${rec.fields.length} of ${WIDTH[kind]} fields)`);
      throw new ListFormatError("malformed", `${file.name}: line ${rec.line} has ${rec.fields.length} fields (expected ${WIDTH[kind]}) or no ent_num`);
    }
    n++;
    yield rec;
  }
  if (n === 0) throw new ListFormatError("empty", `${file.name}: no rows`);
}

function pick(files: ListFile[]): Partial<Record<OfacFile, ListFile>> {
  const out: Partial<Record<OfacFile, ListFile>> = {};
  for (const f of files) {
    const base = f.name.split(/[\\/]/).pop()!.toLowerCase() as OfacFile;
    if (!FILES.includes(base)) throw new ListFormatError("wrong-format", `${f.name}: not part of the OFAC CSV set (${FILES.join(", ")})`);
    if (out[base]) throw new ListFormatError("wrong-format", `${f.name}: ${base} given twice`);
    out[base] = f;
  }
  return out;
}

interface Alt {
  type: string;
  name: string;
  weak: boolean;
}

export async function* parseOfacCsv(files: ListFile[]): AsyncGenerator<ListEntry, ListHeader> {
  const set = pick(files);
  if (!set["sdn.csv"]) throw new ListFormatError("missing-file", "the OFAC CSV set needs sdn.csv (alt.csv, add.csv, sdn_comments.csv are optional)");
  const alts = new Map<string, Alt[]>();
  const comments = new Map<string, string>();
  const used = new Set<string>();
  if (set["alt.csv"]) {
    for await (const { fields } of rows(set["alt.csv"], "alt.csv")) {
      const list = alts.get(entNum(fields)) ?? [];
      list.push({ type: value(fields[2]), name: value(fields[3]), weak: /weak|low/i.test(value(fields[4])) });
      alts.set(entNum(fields), list);
    }
  }
  // add.csv carries addresses only (nothing ListEntry holds), but a broken one means a broken set.
  if (set["add.csv"]) for await (const _row of rows(set["add.csv"], "add.csv")) void _row;
  if (set["sdn_comments.csv"]) {
    for await (const { fields } of rows(set["sdn_comments.csv"], "sdn_comments.csv")) {
      const ent = entNum(fields);
      comments.set(ent, (comments.get(ent) ?? "") + (fields[1] === "-0-" ? "" : (fields[1] ?? "")));
    }
  }
  const sdn = set["sdn.csv"];
  for await (const { fields: f } of rows(sdn, "sdn.csv")) {
    const ent = entNum(f);
    used.add(ent);
    const type = value(f[2]).toLowerCase();
    const draft = new EntryDraft("ofac-csv", ent, KINDS[type] ?? "other");
    const name = value(f[1]);
    const comma = draft.kind === "person" ? name.indexOf(", ") : -1;
    draft.addName({ full: name, primary: true, lastName: comma > 0 ? name.slice(0, comma) : undefined, firstName: comma > 0 ? name.slice(comma + 2) : undefined });
    for (const alt of alts.get(ent) ?? []) {
      const c = draft.kind === "person" ? alt.name.indexOf(", ") : -1;
      draft.addName({ full: alt.name, weak: alt.weak, lastName: c > 0 ? alt.name.slice(0, c) : undefined, firstName: c > 0 ? alt.name.slice(c + 2) : undefined });
    }
    // Programs are written "SDGT] [IFSR" (the brackets of "[SDGT] [IFSR]" without the outer pair).
    for (const p of value(f[3]).split(/\]\s*\[/)) draft.addProgramme(p.replace(/^\[|\]$/g, ""));
    if (value(f[5])) draft.addIdentifier(identifierFromLabel("Call Sign", value(f[5])));
    // Remarks over ~1000 characters continue in sdn_comments.csv, cut mid-word: join without a space.
    const remarks = (f[11] === "-0-" ? "" : (f[11] ?? "")) + (comments.get(ent) ?? "");
    applyRemarks(draft, remarks);
    yield draft.finish(sdn.name);
  }
  const warnings: string[] = [];
  const orphanAlts = [...alts.keys()].filter((k) => !used.has(k)).length;
  const orphanComments = [...comments.keys()].filter((k) => !used.has(k)).length;
  if (orphanAlts) warnings.push(`${orphanAlts} ent_num in alt.csv with no sdn.csv entry`);
  if (orphanComments) warnings.push(`${orphanComments} ent_num in sdn_comments.csv with no sdn.csv entry`);
  return warnings.length ? { warnings } : {};
}
