// npm run sanctions:import -- --source eu-fsf|un|ofac-sdn|ofac-csv|uk-fcdo|uk-ofsi|ru-undesirable|ru-foreign-agents [--dry-run] [--allow-shrink] FILE…
// --dry-run parses without a database and prints counts; otherwise a new list version is imported and the organisations it concerns re-screened. Exit 0 ok, 1 refused file, 2 bad arguments.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileFromPath, parseList, summariseList, type ListSummary } from "../lib/sanctions/parse";
import { LIST_SOURCES, ListFormatError, RISK_SOURCES, type AnySource } from "../lib/sanctions/types";

const SOURCES: readonly string[] = [...LIST_SOURCES, ...RISK_SOURCES];
export const USAGE = `usage: npm run sanctions:import -- --source ${SOURCES.join("|")} [--dry-run] [--allow-shrink] FILE…`;

export interface ImportArgs {
  source: AnySource;
  dryRun: boolean;
  /** A version that removes many entries is refused without it (lib/sanctions/import.ts). */
  allowShrink: boolean;
  files: string[];
}

/** Parses the command line; a string is the reason the arguments are refused. */
export function parseImportArgs(argv: string[]): ImportArgs | string {
  let source: string | undefined;
  let dryRun = false;
  let allowShrink = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--dry-run") dryRun = true;
    else if (a === "--allow-shrink") allowShrink = true;
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
  return { source: source as AnySource, dryRun, allowShrink, files };
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

/** The operator's import: a new list version, then every organisation it concerns re-screened (in a process of its own). */
async function importIntoDatabase(args: ImportArgs): Promise<number> {
  const [{ startDevEnvironment }, { db }, { importListVersion }, { isAppError }] = await Promise.all([
    import("./lib/dev-env"),
    import("../lib/db"),
    import("../lib/sanctions/import"),
    import("../lib/errors"),
  ]);
  const cluster = await startDevEnvironment();
  try {
    const s = await importListVersion(null, { source: args.source, files: args.files.map((f) => fileFromPath(f)), allowShrink: args.allowShrink });
    if (s.unchanged) {
      console.log(`unchanged: the version in force of the ${s.list} list is this file; nothing imported`);
      return 0;
    }
    console.log(`imported ${s.list} version ${s.versionId}: ${s.entries} entries (persons ${s.persons}, organisations ${s.organisations}), ${s.names} names; ${s.added} added, ${s.removed} removed, ${s.changed} changed`);
    return await rescreenInOwnProcess();
  } catch (e) {
    if (isAppError(e) && e.code === "validation") {
      console.error(`refused: ${Object.values(e.fields ?? {}).join(", ")} ${JSON.stringify(e.values ?? {})}`);
      return 1;
    }
    throw e;
  } finally {
    await db.$disconnect();
    await cluster.stop();
  }
}

/**
 * scripts/sanctions-rescreen.ts with this process's loader flags but not its heap cap: the
 * import's memory stays small, the screening's name index needs more. The cluster started
 * here stays up meanwhile (DATABASE_URL is passed on).
 */
function rescreenInOwnProcess(): Promise<number> {
  const flags = process.execArgv.filter((a) => !a.startsWith("--max-old-space-size"));
  const child = spawn(process.execPath, [...flags, path.join(import.meta.dirname, "sanctions-rescreen.ts")], { stdio: "inherit", env: process.env });
  return new Promise((resolve) => {
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const args = parseImportArgs(process.argv.slice(2));
  if (typeof args === "string") {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  try {
    if (!args.dryRun) return await importIntoDatabase(args);
    const summary = await summariseList(parseList(args.source, args.files.map((f) => fileFromPath(f))));
    console.log(formatSummary(args.source, summary));
    return 0;
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
