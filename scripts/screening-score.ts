// npm run screening:score -- FILE.csv [--threshold X] [--out FILE]
// Reads a CSV with a header and columns name1,name2 (optional kind = person|organisation,
// default person), streams it, and writes the same rows (every column unchanged, same order)
// plus `score` (4 decimals) and `match` (true/false at the threshold).
// Exit 2: usage (no file, bad option, missing name1/name2 column); exit 1: bad data (a kind
// other than person|organisation, malformed CSV). With --out the file appears only on success.

import { createReadStream, createWriteStream, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { DEFAULT_THRESHOLD, prepareName, scoreNames, type NameKind } from "@/lib/sanctions/match";

class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function parseArgs(argv: string[]) {
  let file: string | undefined;
  let out: string | undefined;
  let threshold = DEFAULT_THRESHOLD;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--threshold") {
      threshold = Number(argv[++i]);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new ExitError(2, "--threshold needs a number from 0 to 1");
    } else if (a === "--out") {
      out = argv[++i];
      if (!out) throw new ExitError(2, "--out needs a file name");
    } else if (a?.startsWith("--")) throw new ExitError(2, `unknown option ${a}`);
    else if (file) throw new ExitError(2, "give one input file");
    else file = a;
  }
  if (!file) throw new ExitError(2, "usage: npm run screening:score -- FILE.csv [--threshold X] [--out FILE]");
  return { file, out, threshold };
}

async function main(): Promise<void> {
  const { file, out, threshold } = parseArgs(process.argv.slice(2));
  const input = createReadStream(file);
  await once(input, "open").catch((e: NodeJS.ErrnoException) => {
    throw new ExitError(2, `cannot read ${file}: ${e.code ?? e.message}`);
  });
  const tmp = out ? `${out}.part-${process.pid}` : undefined;
  const sink = tmp ? createWriteStream(tmp) : process.stdout;
  const writer = stringify();
  writer.pipe(sink);
  try {
    let header: string[] | undefined;
    let col = { name1: -1, name2: -1, kind: -1 };
    let line = 1;
    for await (const record of input.pipe(parse({ bom: true, relax_column_count: false }))) {
      const row = record as string[];
      if (!header) {
        header = row;
        col = { name1: row.indexOf("name1"), name2: row.indexOf("name2"), kind: row.indexOf("kind") };
        const missing = (["name1", "name2"] as const).filter((c) => col[c] < 0);
        if (missing.length) throw new ExitError(2, `${file}: the header has no ${missing.join(" or ")} column (found: ${row.join(", ")})`);
        // Added columns keep their names unless the input already uses them (a labelled set's `match`).
        const added = ["score", "match"].map((c) => (row.includes(c) ? `${c}_predicted` : c));
        if (added[1] !== "match") process.stderr.write(`note: the input has a match column; the result is in ${added[1]}\n`);
        await write(writer, [...row, ...added]);
        continue;
      }
      line++;
      const kindText = col.kind >= 0 ? (row[col.kind] ?? "").trim() : "";
      if (kindText !== "" && kindText !== "person" && kindText !== "organisation") {
        throw new ExitError(1, `${file}: row ${line}: kind must be person or organisation, not "${kindText}"`);
      }
      const kind: NameKind = kindText === "organisation" ? "organisation" : "person";
      const { score } = scoreNames(prepareName(row[col.name1] ?? "", kind), prepareName(row[col.name2] ?? "", kind), kind);
      await write(writer, [...row, score.toFixed(4), String(score >= threshold)]);
    }
    if (!header) throw new ExitError(2, `${file}: empty file (a header with name1,name2 is needed)`);
    writer.end();
    await finished(sink);
    if (tmp && out) renameSync(tmp, out);
  } catch (e) {
    writer.end();
    if (tmp) {
      await finished(sink).catch(() => undefined);
      rmSync(tmp, { force: true });
    }
    if (e instanceof ExitError) throw e;
    // csv-parse reports malformed input (unclosed quote, ragged row) with a code and a line.
    const err = e as { code?: string; message?: string };
    if (err.code?.startsWith("CSV_")) throw new ExitError(1, `${file}: ${err.message}`);
    throw e;
  }
}

async function write(writer: ReturnType<typeof stringify>, row: string[]): Promise<void> {
  if (!writer.write(row)) await once(writer, "drain");
}

// Piped into `head`: the reader left, which is not an error of ours.
process.stdout.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? 0 : 1));

main().then(
  () => process.exit(0),
  (e: unknown) => {
    if (e instanceof ExitError) {
      process.stderr.write(`screening:score: ${e.message}\n`);
      process.exit(e.code);
    }
    process.stderr.write(`screening:score: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
