// npm run sanctions:import -- --source eu-fsf|un|ofac-sdn|ofac-csv|uk-fcdo|uk-ofsi|ru-undesirable|ru-foreign-agents [--dry-run] FILE…
// --dry-run parses without a database and prints counts. Exit 0 ok, 1 refused file, 2 bad arguments.
import { existsSync } from "node:fs";
import { fileFromPath, parseList, summariseList, type ListSummary } from "../lib/sanctions/parse";
import { LIST_SOURCES, ListFormatError, RISK_SOURCES, type AnySource } from "../lib/sanctions/types";

const SOURCES: readonly string[] = [...LIST_SOURCES, ...RISK_SOURCES];
export const USAGE = `usage: npm run sanctions:import -- --source ${SOURCES.join("|")} [--dry-run] FILE…`;

export interface ImportArgs {
  source: AnySource;
  dryRun: boolean;
  files: string[];
}

/** Parses the command line; a string is the reason the arguments are refused. */
export function parseImportArgs(argv: string[]): ImportArgs | string {
  let source: string | undefined;
  let dryRun = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--dry-run") dryRun = true;
    else if (a === "--source") source = argv[++i];
    else if (a.startsWith("--source=")) source = a.slice("--source=".length);
    else if (a.startsWith("-")) return `unknown option ${a}`;
    else files.push(a);
  }
  if (!source) return "--source is required";
  if (!SOURCES.includes(source)) return `unknown source ${source}`;
  if (files.length === 0) return "no FILE given";
  const missing = files.find((f) => !existsSync(f));
  if (missing) return `no such file: ${missing}`;
  return { source: source as AnySource, dryRun, files };
}

/** The dry run's report, one fact per line. */
export function formatSummary(source: string, s: ListSummary): string {
  const scripts = Object.entries(s.namesByScript)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    `source: ${source}`,
    `publication date: ${s.publicationDate ?? "not given"}`,
    `entries: ${s.entries} (persons ${s.persons}, organisations ${s.organisations}, other ${s.other})`,
    `names: ${s.names} (weak ${s.weakNames}; by script: ${scripts || "none"})`,
    `identifiers: ${s.identifiers}`,
    `birth dates: ${s.birthDates}`,
    ...s.warnings.map((w) => `warning: ${w}`),
  ].join("\n");
}

async function main(): Promise<number> {
  const args = parseImportArgs(process.argv.slice(2));
  if (typeof args === "string") {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  try {
    const summary = await summariseList(parseList(args.source, args.files.map((f) => fileFromPath(f))));
    if (args.dryRun) {
      console.log(formatSummary(args.source, summary));
      return 0;
    }
    console.error("importing into the database is not available yet (the list-version import is not wired); use --dry-run");
    return 1;
  } catch (e) {
    if (e instanceof ListFormatError) {
      console.error(`refused: ${e.problem}: ${e.detail}`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
