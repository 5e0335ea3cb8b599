// The officer changes the condition of the remaining tranche of the demo grant: what was
// chosen stays chosen after Save, a second Save keeps it, and a reload shows it stored.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { ACCOUNTS, expectAccessible, openAs, screenshot, switchLanguage } from "./helpers";
import { databaseUrl } from "./session";

async function demoGrant() {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const r = await client.query<{ id: string; sequence: number }>(
      `SELECT g.id, t.sequence FROM "Grant" g JOIN "Tranche" t ON t."grantId" = g.id
        WHERE g."applicationId" = (SELECT id FROM "Application" WHERE title = 'Keeping the newsroom on air in 2026') AND t.status = 'PLANNED'
        ORDER BY t.sequence`,
    );
    return { id: r.rows[0]!.id, sequences: r.rows.map((x) => x.sequence) };
  } finally {
    await client.end();
  }
}

const INTERIM = "After the interim report is accepted";
const FINAL = "After the final report is accepted";

async function save(page: Page) {
  const editor = page.getByTestId("schedule-editor");
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await editor.getByRole("button", { name: "Save schedule" }).click();
  await saved;
  await expect(editor.getByText("The schedule was saved.")).toBeVisible();
}

test("a changed tranche condition stays as chosen through two saves and a reload", async ({ page }) => {
  const grant = await demoGrant();
  // The demo grant's first three tranches are paid (the seed, payment-journey and
  // payment-run-journey): the editor holds the fourth.
  expect(grant.sequences).toEqual([4]);
  await openAs(page, ACCOUNTS.officer);
  await switchLanguage(page, "en");
  await page.goto(`/staff/grants/${grant.id}`);
  const editor = page.getByTestId("schedule-editor");
  // Numbered as in the schedule table, not from one.
  const condition = editor.getByLabel("Condition of tranche 4");
  const row4 = page.getByTestId("tranches").locator("tr").filter({ has: page.locator("td", { hasText: /^4$/ }) });
  const reports = page.getByRole("link", { name: /Interim report/ });

  await condition.selectOption({ label: INTERIM });
  await save(page);
  await expect(row4).toContainText(INTERIM);
  await expect(condition).toHaveValue("INTERIM_REPORT_ACCEPTED");
  await expect(reports).toHaveCount(1);

  await condition.selectOption({ label: FINAL });
  await save(page);
  await expect(row4).toContainText(FINAL);
  await expect(condition).toHaveValue("FINAL_REPORT_ACCEPTED");
  // No tranche waits for an interim report any more: the one not yet started is withdrawn.
  await expect(reports).toHaveCount(0);

  await save(page);
  await expect(condition).toHaveValue("FINAL_REPORT_ACCEPTED");
  await page.reload();
  await expect(page.getByTestId("schedule-editor").getByLabel("Condition of tranche 4")).toHaveValue("FINAL_REPORT_ACCEPTED");
  await expect(row4).toContainText(FINAL);
  await expectAccessible(page);
  await screenshot(page, "schedule-01-condition-kept");
});
