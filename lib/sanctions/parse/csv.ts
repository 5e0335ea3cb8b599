// Streaming CSV via csv-parse: records as string arrays with their line number. An unclosed quote at
// the end is a truncated file; any other CSV error is a malformed one.
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ListFormatError, type ListFile } from "../types";
import { decodeFile, firstSignificant, type TextEncoding } from "./decode";

export interface CsvRecord {
  fields: string[];
  line: number;
  /** The file's last record, and the file does not end with a line break: likely cut off. */
  unterminated: boolean;
}

export interface CsvOptions {
  encoding: TextEncoding;
  /** "," by default; "sniff" picks "," or ";" from the first line. */
  delimiter?: string | "sniff";
}

async function* sniffDelimiter(texts: AsyncGenerator<string>, onPick: (d: string) => void): AsyncGenerator<string> {
  let head = "";
  let picked = false;
  for await (const t of texts) {
    if (picked) {
      yield t;
      continue;
    }
    head += t;
    const nl = head.indexOf("\n");
    if (nl === -1 && head.length < 65536) continue;
    const line = (nl === -1 ? head : head.slice(0, nl)).replace(/"[^"]*"/g, "");
    onPick((line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ";" : ",");
    picked = true;
    yield head;
  }
  if (!picked) {
    const line = (head.split("\n")[0] ?? "").replace(/"[^"]*"/g, "");
    onPick((line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ";" : ",");
    if (head) yield head;
  }
}

export async function* csvRecords(file: ListFile, options: CsvOptions): AsyncGenerator<CsvRecord> {
  // JSON or XML handed to a CSV source is another format, whatever csv-parse would make of it.
  const sniff = (first: Uint8Array) => {
    const b = firstSignificant(first);
    if (b === 0x5b || b === 0x7b || b === 0x3c) throw new ListFormatError("wrong-format", `${file.name}: ${b === 0x3c ? "XML" : "JSON"}, not a CSV file`);
  };
  let texts = decodeFile(file, { encoding: options.encoding, sniff });
  let delimiter = options.delimiter && options.delimiter !== "sniff" ? options.delimiter : ",";
  if (options.delimiter === "sniff") texts = sniffDelimiter(texts, (d) => (delimiter = d));
  // Pull the first text before building the parser, so a sniffed delimiter is known.
  const first = await texts.next();
  if (first.done) return;
  let lastChar = "";
  async function* all(): AsyncGenerator<string> {
    for (let t: IteratorResult<string> = first; !t.done; t = await texts.next()) {
      if (t.value) lastChar = t.value.slice(-1);
      yield t.value;
    }
  }
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true });
  const source = Readable.from(all(), { objectMode: false });
  source.on("error", (e) => parser.destroy(e));
  source.pipe(parser);
  let yielded = 0;
  // One record is held back, so the last one is known (a cut-off file ends in a short row).
  let pending: CsvRecord | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (pending) {
        yielded++;
        yield pending;
      }
      pending = { fields: rec.record, line: rec.info.lines, unterminated: false };
    }
    if (pending) {
      pending.unterminated = lastChar !== "\n" && lastChar !== "\r";
      yielded++;
      yield pending;
    }
  } catch (e) {
    if (e instanceof ListFormatError) throw e;
    if (e instanceof CsvError) {
      if (e.code === "CSV_QUOTE_NOT_CLOSED") throw new ListFormatError("truncated", `${file.name}: the file ends inside a quoted field`);
      // csv-parse reads a whole chunk before handing out its records: an error before the first one
      // means the file is not CSV of any kind we read.
      throw new ListFormatError(yielded === 0 ? "wrong-format" : "malformed", `${file.name}: not a valid CSV file (${e.code}: ${e.message})`);
    }
    throw e;
  } finally {
    source.destroy();
  }
}
