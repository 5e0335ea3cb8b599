import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Most-demo-2026";

export const ACCOUNTS = {
  applicant: "applicant@demo.most",
  officer: "officer@demo.most",
  reviewer: "reviewer@demo.most",
  reviewer2: "reviewer2@demo.most",
  approver: "approver@demo.most",
  finance: "finance@demo.most",
  auditor: "auditor@demo.most",
  funderAdmin: "funder-admin@demo.most",
  admin: "admin@demo.most",
  officer2: "officer2@demo.most",
} as const;

/** Signs in through the real form and waits for the landing page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

/** No serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** Switches the signed-in person's language (stored on their profile). */
export async function switchLanguage(page: Page, locale: "en" | "ru" | "cs") {
  await page.locator("#locale-switcher").selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

export async function signOut(page: Page) {
  await page.locator("header form button[type=submit]").click();
  await page.waitForURL(/\/sign-in$/);
}
