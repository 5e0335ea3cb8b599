// The auditor: disbursement report with filters and downloads, open-data exports, the
// audit trail and the funding-gap dashboard.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot, switchLanguage } from "./helpers";

test("an auditor filters disbursements and downloads CSV and XLSX with totals", async ({ page }) => {
  await openAs(page, ACCOUNTS.auditor);
  await switchLanguage(page, "en");
  await page.goto("/audit/disbursements");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disbursement report");
  const rows = page.getByTestId("disbursement-rows").locator("tr");
  await expect(rows).not.toHaveCount(0);
  const total = await page.getByTestId("total-eur").textContent();
  await expectAccessible(page);
  await screenshot(page, "audit-disbursements");

  // A period with no payments empties the report.
  await page.getByLabel("Value date from").fill("2001-01-01");
  await page.getByLabel("Value date to").fill("2001-12-31");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/from=2001-01-01/);
  await expect(page.getByText("No disbursements match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page.getByTestId("total-eur")).toHaveText(total!);

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const text = readFileSync((await csv.path())!, "utf8");
  expect(csv.suggestedFilename()).toMatch(/^disbursements-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(text).toContain("Ledger entry,Value date");
  expect(text).toMatch(/^Total EUR,[\d.]+,\d+ rows?\r?$/m);
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download XLSX" }).click()]);
  expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe("PK");

  // The export is on record.
  await page.goto("/audit");
  await expect(page.getByTestId("recent-exports")).toContainText("Disbursement report");
  await expect(page.getByTestId("chain-status")).toContainText("verified event by event");
  await screenshot(page, "audit-landing");
});

test("an auditor signs a checkpoint, keeps the file and verifies the trail against it", async ({ page }) => {
  await openAs(page, ACCOUNTS.auditor);
  await switchLanguage(page, "en");
  await page.goto("/audit");
  await page.getByRole("button", { name: "Sign a checkpoint now" }).click();
  await expect(page.getByTestId("sign-checkpoints")).toContainText(/checkpoints? signed|Nothing new to sign/);
  await expect(page.getByTestId("checkpoints")).not.toContainText("Not signed yet");
  await expect(page.getByTestId("audit-public-key")).toHaveText(/^[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]+$/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-checkpoints").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-checkpoints-\d{4}-\d{2}-\d{2}\.json$/);
  const held = (await download.path())!;
  const file = JSON.parse(readFileSync(held, "utf8")) as { format: string; checkpoints: { stream: string }[] };
  expect(file.format).toBe("most-audit-checkpoints");
  expect(file.checkpoints.length).toBeGreaterThan(0);

  await page.getByLabel("Checkpoint file").setInputFiles(held);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("the trail matches");

  // A file that is not checkpoints is refused with a reason, and changes nothing.
  await page.getByLabel("Checkpoint file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"format":"something-else"}') });
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("verify-checkpoints")).toContainText("could not be read as checkpoints");
  await expectAccessible(page);
  await screenshot(page, "audit-checkpoints");
});

test("the funding-gap dashboard shows the funder's gap with charts, protected organisations by codename", async ({ page }) => {
  await openAs(page, ACCOUNTS.auditor);
  await switchLanguage(page, "en");
  await page.goto("/audit/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Funding gap");
  await expect(page.getByTestId("total-lost")).not.toHaveText("0.00 EUR");
  await expect(page.getByTestId("chart-sector").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("chart-years").locator("svg").first()).toBeVisible();
  // Each chart's figures are also a table, which the chart names for assistive technology.
  for (const [chart, table] of [["chart-sector", "By sector"], ["chart-years", "Over time"]] as const) {
    const id = await page.getByTestId(chart).getAttribute("aria-describedby");
    await expect(page.locator(`table#${id}`)).toHaveAccessibleName(table);
    await expect(page.locator(`table#${id} tbody tr`)).not.toHaveCount(0);
  }
  const orgs = page.getByTestId("gap-organisations");
  await expect(orgs.locator("tr")).not.toHaveCount(0);
  await expect(orgs).not.toContainText("Northern Rights Defence Centre");
  await expectAccessible(page);
  await screenshot(page, "audit-dashboard");
  // Across funders: totals only, no list of organisations.
  await page.locator("#scope").selectOption("overall");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("gap-organisations")).toHaveCount(0);
  await screenshot(page, "audit-dashboard-overall");
});
