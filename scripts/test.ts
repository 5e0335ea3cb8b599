// The test command: type check, lint, unit + integration tests (real PostgreSQL), build,
// browser tests (Debian chromium). Ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const REPORTS = "test-results";
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(`${REPORTS}/screens`, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const run = (cmd: string, args: string[]) => {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: "inherit", env }).status === 0;
};

let passed = 0;
let failed = 0;
const results: string[] = [];
function check(name: string, ok: boolean) {
  if (ok) passed++;
  else failed++;
  results.push(`${ok ? "✓" : "✗"} ${name}`);
}
function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

check("typecheck", run("npx", ["tsc", "--noEmit"]));
check("lint", run("npx", ["eslint", ".", "--max-warnings=0"]));

const vitestOk = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/vitest.json`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>(`${REPORTS}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  results.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
}
if (!vitest || (!vitestOk && vitest.numFailedTests === 0)) check("vitest run", false);

// Backup and restore drill (pg_dump -Fc → pg_restore → verify), and proof that it catches a damaged copy.
check("backup drill", run("npx", ["tsx", "--conditions=react-server", "scripts/backup-drill.ts"]));
check("backup drill catches a damaged copy", run("npx", ["tsx", "--conditions=react-server", "scripts/backup-drill.ts", "--prove-detection"]));

const built = run("npx", ["next", "build"]);
check("next build", built);
if (built) {
  if (!existsSync("/usr/bin/chromium") && !process.env.CHROMIUM_PATH) {
    console.error("Browser tests need Debian's chromium: apt-get install -y chromium (or set CHROMIUM_PATH).");
  }
  const e2eOk = run("npx", ["playwright", "test"]);
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(`${REPORTS}/e2e.json`);
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
    results.push(`playwright: ${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.flaky} flaky`);
  }
  if (!e2e || (!e2eOk && e2e.stats.unexpected === 0)) check("playwright run", false);
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${REPORTS}/summary.txt`, `${summary}\n`);
console.log(`\n${results.join("\n")}\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
