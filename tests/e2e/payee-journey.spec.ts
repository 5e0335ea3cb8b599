// Payee accounts as the people who handle them: a member adds an IBAN (a typo is refused with a
// field message, the account is shown masked), finance opens it (details for finance only),
// records the call-back, and the approver, another person, confirms it.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot, switchLanguage } from "./helpers";

const IBAN = "CZ65 0800 0000 1920 0014 5399";
const MASKED = "CZ •••• 5399";

test("an organisation adds an IBAN, finance records its verification and the approver confirms it", async ({ page }) => {
  test.setTimeout(120_000);
  await openAs(page, ACCOUNTS.applicant);
  await switchLanguage(page, "en");
  await page.goto("/my");
  await page.getByRole("link", { name: "Free Word Media Collective" }).first().click();
  const form = page.getByTestId("payee-account-form");
  await form.getByLabel("Account holder").fill("Free Word Media SIA");
  await form.getByLabel("IBAN", { exact: true }).fill("CZ65 0800 0000 1920 0014 5398");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText("The IBAN's check digits do not match.", { exact: false }).first()).toBeVisible();
  await form.getByLabel("IBAN", { exact: true }).fill(IBAN);
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByTestId("payee-accounts")).toContainText(MASKED);
  await expect(page.getByTestId("payee-accounts")).toContainText("Not verified yet");
  await expect(page.getByTestId("payee-accounts")).not.toContainText("0800 0000 1920");
  await expectAccessible(page);
  await screenshot(page, "payees-01-organisation-accounts");

  await openAs(page, ACCOUNTS.finance);
  await switchLanguage(page, "en");
  await page.getByRole("navigation", { name: "Staff sections" }).getByRole("link", { name: "Payee accounts" }).click();
  await page.getByTestId("payees-to-verify").getByRole("link", { name: MASKED }).click();
  await expect(page.getByTestId("payee-details")).toContainText("CZ6508000000192000145399");
  await page.getByLabel("Details of the verification").fill("Called the director back on the number given in the 2025 application; IBAN read back.");
  await page.getByRole("button", { name: "Record verification" }).click();
  await expect(page.getByTestId("verification")).toContainText("Awaiting an approver");
  await expect(page.getByTestId("decide-verification")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "payees-02-finance-records");

  await openAs(page, ACCOUNTS.approver);
  await switchLanguage(page, "en");
  await page.goto("/staff/payees");
  await page.getByTestId("payees-to-verify").getByRole("link", { name: MASKED }).click();
  await page.getByTestId("decide-verification").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("verification")).toContainText("Verified");
  await screenshot(page, "payees-03-approver-confirms");

  // The members see it verified, with the day payments may start (after the cooling-off period).
  await openAs(page, ACCOUNTS.applicant);
  await switchLanguage(page, "en");
  await page.goto("/my");
  await page.getByRole("link", { name: "Free Word Media Collective" }).first().click();
  await expect(page.getByTestId("payee-accounts").locator("tr", { hasText: MASKED })).toContainText("Verified · payments from");
  // The demo applicant reads the portal in Russian: later journeys expect it.
  await switchLanguage(page, "ru");
});
