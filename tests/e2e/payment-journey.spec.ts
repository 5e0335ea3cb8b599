// A tranche requested by the officer is approved by the approver and recorded by finance
// (three different people); a double click records it once; the grantee sees the money.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot, signOut, switchLanguage } from "./helpers";

test("a payment goes through approval and recording, once, and the grantee sees it", async ({ page }) => {
  test.setTimeout(120_000);
  await openAs(page, ACCOUNTS.approver);
  await switchLanguage(page, "en");
  await page.getByTestId("payments-to-approve").getByRole("link").first().click();
  await expect(page.getByTestId("tranches")).toContainText("Requested");
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("tranches")).toContainText("Approved for payment");
  await signOut(page);

  await openAs(page, ACCOUNTS.finance);
  await switchLanguage(page, "en");
  await page.getByTestId("payments-to-record").getByRole("link").first().click();
  await expect(page.getByTestId("balance-disbursed")).toHaveText("€50,000.00");
  const form = page.locator("[data-testid^=record-]").first();
  await form.getByLabel("Bank reference").fill("CZ-MFA/2026/802");
  // The grant has not started yet: paying ahead needs a tick, and nothing is recorded without it.
  await form.getByRole("button", { name: "Record as paid" }).click();
  await expect(form.getByText("This value date is before the grant starts.", { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId("balance-disbursed")).toHaveText("€50,000.00");
  await expect(form.getByLabel("Bank reference")).toHaveValue("CZ-MFA/2026/802");
  await screenshot(page, "payment-00-before-start");
  await form.getByLabel(/Pay before the grant starts on/).check();
  // A nervous double click sends the same idempotency key twice.
  await form.getByRole("button", { name: "Record as paid" }).dblclick();
  await expect(page.getByTestId("balance-disbursed")).toHaveText("€90,000.00");
  await expect(page.getByTestId("ledger").locator("tr", { hasText: "Disbursement" })).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, "payment-01-finance-grant");
  await signOut(page);

  await openAs(page, ACCOUNTS.applicant);
  await page.getByTestId("my-grants").getByRole("link").first().click();
  await expect(page.getByTestId("received")).toContainText("90");
  await expect(page.locator("body")).not.toContainText("CZ-MFA/2026/802");
  await expectAccessible(page);
  await screenshot(page, "payment-02-grantee-ru");
});

test("an admin imports ECB rates", async ({ page }) => {
  await openAs(page, ACCOUNTS.admin);
  await page.goto("/admin/fx");
  await page.getByLabel("CSV file from the ECB (daily or history)").setInputFiles({
    name: "eurofxref.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Date, USD, JPY, CZK, GEL,\n20 November 2026, 1.0790, 160.55, 25.300, 2.9512,\n"),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("4 rates imported.")).toBeVisible();
  await expect(page.getByTestId("fx-rates")).toContainText("GEL");
  await expectAccessible(page);
});
