// A new user of the demo finds the sign-up link on the mailbox page and clicks it.
import { expect, test } from "@playwright/test";
import { expectAccessible, switchLanguage } from "./helpers";

test("the sign-up link is clickable on the development mailbox page", async ({ page }) => {
  const email = `mailbox.${Date.now()}@example.org`;
  await page.goto("/sign-up");
  await switchLanguage(page, "en");
  await page.getByLabel("Your name", { exact: true }).fill("Mila");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^Check your e-mail/)).toBeVisible();

  // The mail is sent in the background: reload until it is listed.
  const message = page.getByTestId("mailbox-message").filter({ has: page.getByTestId("mailbox-to").getByText(email, { exact: true }) });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(message).toHaveCount(1);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Development mailbox");
  await expectAccessible(page);
  const link = message.getByRole("link", { name: /^\/sign-up\/confirm\?token=[A-Za-z0-9_-]{43}$/ });
  await link.click();
  await page.getByLabel("Your password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(page).toHaveURL(/\/my/);

  // In Russian too.
  await switchLanguage(page, "ru");
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Почтовый ящик для разработки");
});
