// Pages in Russian, Czech and Ukrainian show words, not codes, and numbers and dates the reader's way.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, openAs, screenshot, switchLanguage } from "./helpers";

// An audit action ("payment.recorded"), an entity type ("LedgerEntry") or a role ("AUDITOR").
const ACTION_CODE = /\b[a-z]+[A-Za-z]*\.[a-z][A-Za-z.]+\b/;
const CAMEL_CODE = /\b[A-Z][a-z]+[A-Z][A-Za-z]+\b/;
const ROLE_CODE = /\b(OFFICER|REVIEWER|APPROVER|FINANCE|AUDITOR|FUNDER_ADMIN|ADMIN|APPLICANT)\b/;
const EXPORT_CODE = /\b(disbursements|audit-trail|iati|360giving)\b/;

test("the auditor's page names events, objects, roles and exports in Russian, Czech and Ukrainian", async ({ page }) => {
  await openAs(page, ACCOUNTS.auditor);
  // An export of our own, so the list of exports has a row.
  expect((await page.request.get("/api/exports/iati")).status()).toBe(200);
  for (const locale of ["ru", "cs", "uk"] as const) {
    await switchLanguage(page, locale);
    await page.goto("/audit");
    const events = page.getByTestId("recent-events");
    await expect(events.locator("tr")).not.toHaveCount(0);
    const exports = page.getByTestId("recent-exports");
    const text = `${await events.innerText()}\n${await exports.innerText()}`;
    expect(text).not.toMatch(ACTION_CODE);
    expect(text).not.toMatch(CAMEL_CODE);
    expect(text).not.toMatch(ROLE_CODE);
    expect(text).not.toMatch(EXPORT_CODE);
    // The Russian and Ukrainian trails have no Latin letters at all (exports show file formats: CSV, XLSX).
    if (locale !== "cs") expect(await events.innerText()).not.toMatch(/[A-Za-z]/);
    await expect(exports).toContainText({ ru: "Открытые данные IATI", cs: "Otevřená data IATI", uk: "Відкриті дані IATI" }[locale]);
    // Short dates the locale's way: 01.12.2026 (ru), 01.12.26 (cs, uk); never 12/1/26.
    const shortDate = { ru: /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/, cs: /^\d{2}\.\d{2}\.\d{2} \d{1,2}:\d{2}:\d{2}$/, uk: /^\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}:\d{2}$/ };
    await expect(events.locator("tr").first().locator("td").first()).toHaveText(shortDate[locale]);
    await screenshot(page, `i18n-audit-${locale}`);
  }
});

test("amounts use the Czech decimal comma on the disbursement report", async ({ page }) => {
  await openAs(page, ACCOUNTS.auditor);
  await switchLanguage(page, "cs");
  await page.goto("/audit/disbursements");
  const total = (await page.getByTestId("total-eur").innerText()).replace(/[\u00a0\u202f]/g, " ");
  expect(total).toMatch(/\d,\d{2}\b/);
  expect(total).not.toMatch(/\d\.\d{2}\b/);
  await screenshot(page, "i18n-disbursements-cs");
});

test("the ledger note and the grant's dates are in the reader's language", async ({ page }) => {
  await openAs(page, ACCOUNTS.finance);
  await switchLanguage(page, "cs");
  await page.goto("/staff/grants");
  await page.locator("main table a").first().click();
  const ledger = page.getByTestId("ledger");
  await expect(ledger).toContainText("Závazek při schválení");
  await expect(ledger).not.toContainText("Commitment on approval");
  await expect(ledger).toContainText(/kurz [\d,]+ za EUR/);
  await screenshot(page, "i18n-grant-cs");
});

test("an applicant's organisations name their country in Russian", async ({ page }) => {
  await openAs(page, ACCOUNTS.applicant);
  await switchLanguage(page, "ru");
  await page.goto("/my");
  const orgs = page.getByTestId("my-organisations");
  await expect(orgs.locator("li")).not.toHaveCount(0);
  // "В России · Россия", never "В России · RU".
  expect(await orgs.innerText()).not.toMatch(/· [A-Z]{2}\b/);
  await screenshot(page, "i18n-my-ru");
});
