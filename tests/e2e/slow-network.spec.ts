// The applicant's pages on a bad link (issue 19 item 3): Chrome's network conditions of
// slow 3G (400 kbit/s each way, 400 ms latency), cache off as on a first visit. Prints the
// largest contentful paint and the bytes transferred per page, and how long a draft's save
// takes; figures, not timed assertions (the page-weight check is the one that fails).
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { ACCOUNTS } from "./helpers";
import { databaseUrl, loginAs, setUserLocale } from "./session";

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

async function demoIds(): Promise<{ draft: string; grant: string }> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const draft = await client.query<{ id: string }>(`SELECT id FROM "Application" WHERE title = 'Legal support for our journalists' AND status = 'DRAFT' LIMIT 1`);
    const grant = await client.query<{ id: string }>(`SELECT g.id FROM "Grant" g JOIN "Application" a ON a.id = g."applicationId" WHERE a.title = 'Keeping the newsroom on air in 2026'`);
    return { draft: draft.rows[0]!.id, grant: grant.rows[0]!.id };
  } finally {
    await client.end();
  }
}

/** The page's largest contentful paint (ms after navigation start) and what it transferred. */
async function paintOf(page: Page): Promise<{ lcpMs: number; kB: number }> {
  return page.evaluate(
    () =>
      new Promise<{ lcpMs: number; kB: number }>((resolve) => {
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1)!;
          const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")] as PerformanceResourceTiming[];
          const bytes = entries.reduce((sum, e) => sum + e.transferSize, 0);
          resolve({ lcpMs: Math.round(last.startTime), kB: Math.round(bytes / 102.4) / 10 });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
}

test("on slow 3G the applicant's home, calls, application and grant pages paint, and a draft saves (figures printed)", async ({ page }) => {
  test.setTimeout(300_000);
  await setUserLocale(ACCOUNTS.applicant, "en");
  await loginAs(page, ACCOUNTS.applicant);
  const ids = await demoIds();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);

  const figures: Array<Record<string, string | number>> = [];
  for (const [name, path] of [["home", "/"], ["calls", "/calls"], ["application", `/my/applications/${ids.draft}`], ["grant", `/my/grants/${ids.grant}`]] as const) {
    const response = await page.goto(path, { waitUntil: "load", timeout: 120_000 });
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    figures.push({ page: name, ...(await paintOf(page)) });
  }

  // A save on the same link: from the click to the answer shown (the draft is saved as it is).
  await page.goto(`/my/applications/${ids.draft}`, { waitUntil: "load", timeout: 120_000 });
  const state = page.getByTestId("save-state");
  const before = await state.innerText();
  const started = Date.now();
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/my/applications/${ids.draft}`), { timeout: 60_000 });
  await page.getByRole("button", { name: "Save draft" }).click();
  expect((await answered).status()).toBe(200);
  await expect(state).not.toHaveText(/Saving|saving shortly|Not saved/, { timeout: 60_000 });
  figures.push({ page: "application save", saveMs: Date.now() - started, stateBefore: before, stateAfter: await state.innerText() });

  console.log(`slow 3G (400 kbit/s, 400 ms):\n${figures.map((f) => JSON.stringify(f)).join("\n")}`);
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/slow-3g.json", `${JSON.stringify(figures, null, 2)}\n`);
  for (const f of figures.slice(0, 4)) expect(f.lcpMs as number, `${f.page} painted`).toBeGreaterThan(0);
});
