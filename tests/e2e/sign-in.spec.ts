import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, enterSecondFactor, expectAccessible, screenshot, signIn, switchLanguage } from "./helpers";
import { bodyOf, mailsTo } from "./mailbox";
import { setUserLocale } from "./session";
import type { Locale } from "../../lib/i18n/locales";

const LANDINGS = [
  { who: "applicant", email: ACCOUNTS.applicant, locale: "ru", path: "/my", heading: "Мои организации" },
  { who: "officer", email: ACCOUNTS.officer, locale: "cs", path: "/staff", heading: "Pracovní fronta" },
  { who: "reviewer", email: ACCOUNTS.reviewer2, locale: "en", path: "/staff", heading: "Work queue" },
  { who: "approver", email: ACCOUNTS.approver, locale: "cs", path: "/staff", heading: "Pracovní fronta" },
  { who: "finance", email: ACCOUNTS.finance, locale: "cs", path: "/staff", heading: "Pracovní fronta" },
  { who: "funder admin", email: ACCOUNTS.funderAdmin, locale: "cs", path: "/staff", heading: "Pracovní fronta" },
  { who: "auditor", email: ACCOUNTS.auditor, locale: "en", path: "/audit", heading: "Audit" },
  { who: "admin", email: ACCOUNTS.admin, locale: "en", path: "/admin", heading: "Administration" },
  { who: "second-funder officer", email: ACCOUNTS.officer2, locale: "en", path: "/staff", heading: "Work queue" },
];

for (const l of LANDINGS) {
  test(`${l.who} signs in through the form and lands on their page in their language`, async ({ page }) => {
    // Other journeys switch languages; the account's stored choice is what sign-in applies.
    await setUserLocale(l.email, l.locale as Locale);
    await signIn(page, l.email);
    await expect(page).toHaveURL(new RegExp(`${l.path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(l.heading);
    await expectAccessible(page);
    await screenshot(page, `landing-${l.who.replace(/ /g, "-")}`);
  });
}

test.describe("refused sign-ins", () => {
  test("a wrong password gives a clear message and no server error", async ({ page }) => {
    await page.goto("/sign-in");
    await expectAccessible(page);
    await page.locator("#email").fill("nobody@demo.most");
    await page.locator("#password").fill("wrong password");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("form [role=alert]")).toHaveText("The email or password is not correct.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a malformed email is explained next to the field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator("#email").fill("not-an-email");
    await page.locator("#password").fill("whatever");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
    await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");
    // The summary at the form's top takes focus and leads to the field (WCAG 3.3.1).
    const summary = page.getByTestId("error-summary").getByRole("link");
    await expect(summary).toHaveText(/^Email.*: Enter a valid email address\.$/);
    await expect(page.locator("[data-form-message]")).toBeFocused();
    await summary.click();
    await expect(page.locator("#email")).toBeFocused();
    await expectAccessible(page);
  });

  test("a 10 kB password is refused with a message, not a crash", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator("#email").fill("someone@demo.most");
    await page.locator("#password").fill("p".repeat(10_240));
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("#password-error")).toHaveText("The password is too long (at most 256 characters).");
    await screenshot(page, "sign-in-long-password");
  });

  test("the messages follow the chosen language", async ({ page }) => {
    await page.goto("/sign-in");
    await switchLanguage(page, "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход");
    await page.locator("#email").fill("nobody@demo.most");
    await page.locator("#password").fill("wrong password");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("form [role=alert]")).toHaveText("Неверный адрес электронной почты или пароль.");
    await screenshot(page, "sign-in-refused-ru");
  });
});

test("signing out ends the session", async ({ page }) => {
  await setUserLocale(ACCOUNTS.finance, "cs");
  await signIn(page, ACCOUNTS.finance);
  await page.getByRole("button", { name: "Odhlásit se" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fstaff/);
});

test("a password reset by e-mail still ends at the second factor", async ({ page }) => {
  const email = ACCOUNTS.auditor;
  const before = mailsTo(email).length;
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  await page.locator("#email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("If this address has an account, a link is on its way.")).toBeVisible();
  await expect.poll(() => mailsTo(email).length).toBe(before + 1);
  const link = /(\/reset-password\?token=[A-Za-z0-9_-]{43})/.exec(bodyOf(mailsTo(email).at(-1)!))![1]!;
  await page.goto(link);
  await expectAccessible(page);
  // The demo password again, so the other journeys keep working.
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
  await screenshot(page, "password-reset-done");
  // The same link does not work twice.
  await page.goto(link);
  await page.locator("#password").fill("another long passphrase");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("This link is not valid any more.")).toBeVisible();
  // Signing in with the new password still asks for the second factor.
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").first().click();
  await expect(page).toHaveURL(/\/mfa/);
  await enterSecondFactor(page, email);
  await expect(page).toHaveURL(/\/audit$/);
});
