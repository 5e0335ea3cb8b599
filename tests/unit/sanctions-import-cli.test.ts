// The dry-run import command, run as a user runs it (tsx in a child process).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileFromPath, parseList, summariseList } from "@/lib/sanctions/parse";
import { formatSummary, parseImportArgs } from "@/scripts/sanctions-import";
import { FIXTURES, SAMPLES } from "./sanctions-parse-helpers";

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(process.cwd(), "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/sanctions-import.ts", ...args], { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("sanctions:import --dry-run", () => {
  it("prints the counts of a list and exits 0", () => {
    const r = run("--source", "ofac-csv", "--dry-run", ...["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"].map((f) => path.join(SAMPLES, "ofac_sdn", f)));
    expect(r.err).toBe("");
    expect(r.out.split("\n")).toEqual([
      "source: ofac-csv",
      "publication date: not given",
      "entries: 17 (persons 4, organisations 7, other 6)",
      "names: 46 (weak 16; by script: Latn 46)",
      "identifiers: 58",
      "birth dates: 4",
      "warning: 5 ent_num in alt.csv with no sdn.csv entry",
      "",
    ]);
    expect(r.code).toBe(0);
  }, 60_000);

  it("formats a summary with names by script", async () => {
    const summary = await summariseList(parseList("uk-fcdo", [fileFromPath(path.join(FIXTURES, "uk-fcdo-sample.xml"))]));
    const out = formatSummary("uk-fcdo", summary);
    expect(out).toContain("entries: 5 (persons 3, organisations 1, other 1)");
    expect(out).toContain("names: 15 (weak 2; by script: Latn 11, Cyrl 3, Arab 1)");
    expect(out).toContain("publication date: 2026-11-28T06:01:12");
  });

  it("exits 2 with the usage on bad arguments", () => {
    const file = path.join(FIXTURES, "uk-fcdo-sample.xml");
    expect(parseImportArgs([])).toBe("--source is required");
    expect(parseImportArgs(["--source", "nope", file])).toBe("unknown source nope");
    expect(parseImportArgs(["--source", "un"])).toBe("no FILE given");
    expect(parseImportArgs(["--source", "un", "--bogus", file])).toBe("unknown option --bogus");
    expect(parseImportArgs(["--source", "un", "/no/such/file.xml"])).toBe("no such file: /no/such/file.xml");
    expect(parseImportArgs(["--source", "uk-fcdo", "--dry-run", file])).toEqual({ source: "uk-fcdo", dryRun: true, allowShrink: false, files: [file] });
    expect(parseImportArgs(["--source", "uk-fcdo", "--allow-shrink", file])).toEqual({ source: "uk-fcdo", dryRun: false, allowShrink: true, files: [file] });
    const r = run("--source", "nope", file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`unknown source nope\nusage: npm run sanctions:import -- --source eu-fsf|un|ofac-sdn|ofac-csv|uk-fcdo|uk-ofsi|ru-undesirable|ru-foreign-agents [--dry-run] [--allow-shrink] FILE…\n`);
    expect(r.out).toBe("");
  }, 60_000);

  it("exits 1 with the problem on one line for a refused file", () => {
    const r = run("--source", "eu-fsf", "--dry-run", path.join(SAMPLES, "eu_fsf/DarkSide666_ES_OLD_php_comment_extract_legacy-format.xml"));
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^refused: wrong-format: .*legacy/);
    expect(r.out).toBe("");
  }, 60_000);
});
