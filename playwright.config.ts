import { defineConfig } from "@playwright/test";

// MOST_E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.MOST_E2E_PORT ?? 3100);

// Debian's chromium, never Playwright's own download (unreachable here).
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  // Two cores: the server needs one, so the browser runs one test at a time.
  workers: 1,
  timeout: process.env.CI ? 120_000 : 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results/e2e-artifacts",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    screenshot: "only-on-failure",
    locale: "en-GB",
    timezoneId: "Europe/Prague",
  },
  webServer: {
    command: "npx tsx scripts/run.ts --e2e",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  },
});
