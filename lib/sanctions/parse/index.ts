// Entry point of the list parsers: pure and streaming (no database). The caller treats an import as
// all-or-nothing: entries are yielded as they are read, and a problem found later still throws.
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { ListFormatError, type AnySource, type ListEntry, type ListFile, type ListHeader } from "../types";
import { parseEuFsf } from "./eu-fsf";
import { parseOfacCsv } from "./ofac-csv";
import { parseOfacSdn } from "./ofac-sdn";
import { parseRuRegister } from "./ru-registers";
import { parseUkFcdo } from "./uk-fcdo";
import { parseUkOfsi } from "./uk-ofsi";
import { parseUn } from "./un";

const SINGLE: Record<Exclude<AnySource, "ofac-csv">, (file: ListFile) => AsyncGenerator<ListEntry, ListHeader>> = {
  "eu-fsf": parseEuFsf,
  un: parseUn,
  "ofac-sdn": parseOfacSdn,
  "uk-fcdo": parseUkFcdo,
  "uk-ofsi": parseUkOfsi,
  "ru-undesirable": (f) => parseRuRegister("ru-undesirable", f),
  "ru-foreign-agents": (f) => parseRuRegister("ru-foreign-agents", f),
};

/** Parses a publisher's file(s) into entries; the generator's return value is the file's header. */
export async function* parseList(source: AnySource, files: ListFile[]): AsyncGenerator<ListEntry, ListHeader> {
  // A version is diffed by sourceId: an id given twice would hide one of the two entries.
  const seen = new Set<string>();
  const entries = parseSource(source, files);
  for (;;) {
    const r = await entries.next();
    if (r.done) return r.value;
    if (seen.has(r.value.sourceId)) throw new ListFormatError("malformed", `${source}: entry id ${r.value.sourceId} appears twice`);
    seen.add(r.value.sourceId);
    yield r.value;
  }
}

async function* parseSource(source: AnySource, files: ListFile[]): AsyncGenerator<ListEntry, ListHeader> {
  if (source === "ofac-csv") return yield* parseOfacCsv(files);
  const parse = SINGLE[source];
  if (!parse) throw new ListFormatError("wrong-format", `unknown source ${String(source)}`);
  const [file, ...more] = files;
  if (!file) throw new ListFormatError("missing-file", `${source}: no file given`);
  if (more.length > 0) throw new ListFormatError("wrong-format", `${source} is one file, ${files.length} were given`);
  return yield* parse(file);
}

/** A ListFile read from disk in 64 KiB chunks (never whole). */
export function fileFromPath(path: string, name = basename(path)): ListFile {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- an admin's own file (CLI argument or upload temp file)
  return { name, open: () => createReadStream(path, { highWaterMark: 64 * 1024 }) };
}

/** A ListFile over bytes already in memory (an upload), handed out in 64 KiB chunks. */
export function fileFromBytes(name: string, bytes: Uint8Array): ListFile {
  return {
    name,
    async *open() {
      for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
    },
  };
}

export { summariseList, type ListSummary } from "./summary";
