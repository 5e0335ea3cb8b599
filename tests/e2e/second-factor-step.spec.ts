// The step between password and second factor, as an attacker and as each staff role
// sees it: the session is renewed (a copy of the password-only cookie opens nothing),
// the header is drawn for the verified person without a reload, the language chosen on
// the sign-in page holds, and X-Forwarded-For does not dodge the sign-in throttle.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, enterSecondFactor, switchLanguage } from "./helpers";
import { emailIndexOf, query, setUserLocale } from "./session";

async function passwordStep(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").first().click();
  await page.waitForURL(/\/mfa/);
}

const STAFF = [
  { who: "officer", email: ACCOUNTS.officer, link: "Work queue" },
  { who: "approver", email: ACCOUNTS.approver, link: "Work queue" },
  { who: "finance", email: ACCOUNTS.finance, link: "Work queue" },
  { who: "funder admin", email: ACCOUNTS.funderAdmin, link: "Work queue" },
  { who: "auditor", email: ACCOUNTS.auditor, link: "Audit" },
  { who: "admin", email: ACCOUNTS.admin, link: "Administration" },
];

for (const s of STAFF) {
  test(`${s.who}: right after the code the header shows the staff menu and the unread badge, without a reload`, async ({ page }) => {
    await setUserLocale(s.email, "en");
    await query(
      `INSERT INTO "Notification" (id, "userId", kind, link, "emailState")
       SELECT gen_random_uuid(), id, 'REVIEW_ASSIGNED', '/staff', 'SKIPPED' FROM "User" WHERE "emailIndex" = $1`,
      [emailIndexOf(s.email)],
    );
    await passwordStep(page, s.email);
    await enterSecondFactor(page, s.email);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: s.link, exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "My organisations" })).toHaveCount(0);
    await expect(page.getByTestId("notifications-badge")).toBeVisible();
  });
}

test("the language chosen on the sign-in page holds on the second-factor page", async ({ page }) => {
  await setUserLocale(ACCOUNTS.officer, "en");
  await page.goto("/sign-in");
  await switchLanguage(page, "cs");
  await page.locator("#email").fill(ACCOUNTS.officer);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").first().click();
  await page.waitForURL(/\/mfa/);
  await expect(page.locator("html")).toHaveAttribute("lang", "cs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Druhý faktor");
});

test("a copy of the cookie taken before the code opens nothing after it", async ({ page, browser }) => {
  await setUserLocale(ACCOUNTS.reviewer, "en");
  await passwordStep(page, ACCOUNTS.reviewer);
  const before = await page.context().cookies();
  await enterSecondFactor(page, ACCOUNTS.reviewer);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff$/);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session?.value).not.toBe(before.find((c) => c.name === session?.name)?.value);

  const thief = await browser.newContext();
  try {
    await thief.addCookies(before);
    const stolen = await thief.newPage();
    await stolen.goto("/staff");
    await expect(stolen).toHaveURL(/\/sign-in\?next=%2Fstaff/);
  } finally {
    await thief.close();
  }

  // The session row holds the tag of the socket address (the server hook works), not "unknown".
  const secret = (JSON.parse(readFileSync(".data/secrets-e2e.json", "utf8")) as { AUTH_SECRET: string }).AUTH_SECRET;
  const tag = (ip: string) => createHmac("sha256", secret).update(`ip:${ip}`).digest("base64url").slice(0, 16);
  const [row] = await query<{ ip: string }>(
    `SELECT s.ip FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u."emailIndex" = $1 AND s."revokedAt" IS NULL ORDER BY s."lastSeenAt" DESC LIMIT 1`,
    [emailIndexOf(ACCOUNTS.reviewer)],
  );
  expect([tag("127.0.0.1"), tag("::1"), tag("::ffff:127.0.0.1")]).toContain(row?.ip);
});

test("failed sign-ins that each claim another X-Forwarded-For are throttled, and stay throttled", async ({ page }) => {
  // An unknown account (throttled like a real one), so no demo account gets locked. All
  // browser traffic comes from one socket address, so this guards against a regression in the
  // real server; tests/integration/sign-in.test.ts tells the address rules apart.
  const email = `xff-probe-${Date.now()}@demo.most`;
  await page.goto("/sign-in");
  const attempt = async (forwardedFor: string, password = "not the password") => {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": forwardedFor });
    await page.locator("#email").fill(email);
    await page.locator("#password").fill(password);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
    await page.locator("form button[type=submit]").first().click();
    await answered;
    return page.locator("form [role=alert]");
  };
  for (let i = 1; i <= 5; i++) await expect(await attempt(`203.0.113.${i}`)).toHaveText("The email or password is not correct.");
  await expect(await attempt("203.0.113.6")).toHaveText("Too many attempts. Please wait 15 minutes and try again.");
  await expect(await attempt("203.0.113.7, 203.0.113.8")).toHaveText("Too many attempts. Please wait 15 minutes and try again.");
});
