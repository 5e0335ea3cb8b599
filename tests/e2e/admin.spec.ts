import { expect, test } from "@playwright/test";
import { currentTotp } from "../../lib/auth/mfa/totp";
import { ACCOUNTS, expectAccessible, screenshot, signIn } from "./helpers";

test("an admin creates a user and grants a role at a funder", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const email = `new.officer.${Date.now()}@demo.most`;
  const form = page.getByTestId("create-user");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Nová Úřednice");
  await form.getByLabel("Initial password").fill("a strong initial password");
  await form.getByRole("button", { name: "Create a user" }).click();
  await expect(form.getByText("The user was created.")).toBeVisible();

  const row = page.getByTestId("users-table").locator("tr", { hasText: email });
  await row.getByLabel(`Funder for a new role of ${email}`).selectOption({ label: "CZ-MFA" });
  await row.getByLabel(`New role of ${email}`, { exact: true }).selectOption("OFFICER");
  await row.getByRole("button", { name: "Add role" }).click();
  await expect(row.getByText("Programme officer · CZ-MFA")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "admin-users");

  // The new officer signs in, cannot see anything before setting up a second factor,
  // enrols an authenticator app and then lands on the work queue.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, email, "a strong initial password");
  await expect(page).toHaveURL(/\/mfa\?next=%2Fstaff$/);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/mfa\?next=%2Fstaff$/);
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expectAccessible(page);
  await screenshot(page, "mfa-enrol");
  await page.getByLabel("6-digit code").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/staff$/);
});

test("a refused user form keeps what was typed and explains each field", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const form = page.getByTestId("create-user");
  await form.getByLabel("Email").fill("bad-email");
  await form.getByLabel("Name").fill("Someone");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create a user" }).click();
  await expect(form.getByText("Enter a valid email address.", { exact: true })).toBeVisible();
  await expect(form.getByText("Use at least 12 characters.", { exact: true })).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("Someone");
});

test("the erase page says what an erase seals, blanks and keeps, and when it is final", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/organisations");
  const covers = page.getByTestId("erase-covers");
  await expect(covers).toContainText("Unrecoverable, also from earlier backups");
  await expect(covers).toContainText("every uploaded file and its name");
  await expect(covers).toContainText("earlier database backups still hold the old text");
  await expect(covers).toContainText("Codename, countries and sectors");
  // The demo sets no retention for key share backups: the page says so instead of promising.
  await expect(covers).toContainText("is not configured here (MOST_KEY_SHARE_RETENTION_DAYS)");
  await expect(page.getByTestId("admin-organisations").locator("tr")).not.toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "admin-erase-covers");
});
