import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { currentTotp } from "../../lib/auth/mfa/totp";
import type { Locale } from "../../lib/i18n/locales";
import { DEMO_TOTP_SECRET } from "../../prisma/seed/demo-data";
import { linkInMail } from "./mailbox";

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

// Kept in a file, not in memory: Playwright starts a new worker after a failed test, and a
// code the old worker used in this step would be refused. Old steps never match again.
const STEPS_FILE = "test-results/totp-steps.json";
const lastStep = {
  get(email: string): number | undefined {
    try {
      return (JSON.parse(readFileSync(STEPS_FILE, "utf8")) as Record<string, number>)[email];
    } catch {
      return undefined;
    }
  },
  set(email: string, step: number) {
    let all: Record<string, number> = {};
    try {
      all = JSON.parse(readFileSync(STEPS_FILE, "utf8")) as Record<string, number>;
    } catch {}
    mkdirSync("test-results", { recursive: true });
    writeFileSync(STEPS_FILE, JSON.stringify({ ...all, [email]: step }));
  },
};

/**
 * A code of the current 30-second step that this run has not used for the person yet: a
 * code works once, so a second use in the same step waits for the next one.
 */
export async function unusedTotp(page: Page, email: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if (lastStep.get(email) === step) {
    await page.waitForTimeout((step + 1) * 30_000 - Date.now() + 300);
    step++;
  }
  lastStep.set(email, step);
  return currentTotp(secret);
}

/** Types an unused authenticator code and waits to leave the second-factor page. */
export async function enterSecondFactor(page: Page, email: string, secret = DEMO_TOTP_SECRET) {
  await page.locator("#mfa-code").fill(await unusedTotp(page, email, secret));
  await page.locator("form:has(#mfa-code) button[type=submit]").click();
  await page.waitForURL((u) => u.pathname !== "/mfa");
}

/** Signs in through the real form (and the second factor, for staff). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").first().click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  if (new URL(page.url()).pathname === "/mfa" && (await page.locator("#mfa-code").count()) > 0) await enterSecondFactor(page, email);
}

/** No accessibility violation of any impact on the current page (axe, WCAG 2.2 target size included). */
export async function expectAccessible(page: Page) {
  // target-size (WCAG 2.2, 24 × 24 px) is off in axe's defaults.
  const results = await new AxeBuilder({ page }).options({ rules: { "target-size": { enabled: true } } }).analyze();
  // Every impact counts, minor included (issue 19: WCAG 2.2 AA with nothing left over).
  const bad = results.violations;
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * expectAccessible for a page opened with JavaScript disabled, where axe cannot be injected:
 * the page's HTML without its scripts is loaded into a JavaScript-enabled page (with a <base>
 * so the stylesheets load as they did) and checked there.
 */
export async function expectAccessibleWithoutScripts(page: Page) {
  const origin = new URL(page.url()).origin;
  // Scripts and preloads of scripts go; a <base> lets the stylesheets load from the portal.
  const html = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "")
    .replace(/<head>/i, `<head><base href="${origin}/">`);
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true, locale: "en-GB" });
  const copy = await context.newPage();
  try {
    await copy.setContent(html, { waitUntil: "load" });
    await expectAccessible(copy);
  } finally {
    await context.close();
  }
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** Switches the signed-in person's language (stored on their profile). */
export async function switchLanguage(page: Page, locale: Locale) {
  const select = page.locator("#locale-switcher");
  // Choosing the language already shown would still submit and re-render the page under
  // the test's next step (losing typed input), so it is skipped.
  if ((await page.evaluate(() => document.documentElement.lang)) === locale) return;
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await select.selectOption(locale);
  await answered;
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

export async function signOut(page: Page) {
  await page.locator("header form button[type=submit]").click();
  await page.waitForURL(/\/sign-in$/);
  await page.context().clearCookies();
}

/** Signed in by the session fixture, on the person's landing page. */
export async function openAs(page: Page, email: string) {
  const { loginAs } = await import("./session");
  await loginAs(page, email);
  await page.goto("/");
  await page.waitForURL((u) => u.pathname !== "/");
}

export const CONFIRM_LINK = /https?:\/\/\S+\/sign-up\/confirm\?token=[A-Za-z0-9_-]{43}/;

/** Registers a new applicant through the English form and confirms the address from the mailbox. */
export async function registerAndConfirm(page: Page, name: string, email: string, start = "/sign-up") {
  await page.goto(start);
  await switchLanguage(page, "en");
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^Check your e-mail/)).toBeVisible();
  await page.goto(await linkInMail(email, CONFIRM_LINK));
  await page.getByLabel("Your password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Confirm and continue" }).click();
}
