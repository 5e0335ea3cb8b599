// A role cannot open another role's pages: a 403 page, never a crash or the content.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot } from "./helpers";

const FORBIDDEN: Array<[string, string, string[]]> = [
  ["applicant", ACCOUNTS.applicant, ["/staff", "/audit", "/admin"]],
  ["officer", ACCOUNTS.officer, ["/audit", "/admin"]],
  ["auditor", ACCOUNTS.auditor, ["/staff", "/admin"]],
  ["finance", ACCOUNTS.finance, ["/audit", "/admin"]],
  ["admin", ACCOUNTS.admin, ["/staff", "/audit"]],
];

for (const [who, email, paths] of FORBIDDEN) {
  test(`${who} gets a 403 page outside their areas`, async ({ page }) => {
    await openAs(page, email);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByText("403")).toBeVisible();
      await expect(page.locator("[data-testid=staff-queue], [data-testid=users-table], [data-testid=chain-status]")).toHaveCount(0);
    }
    await expectAccessible(page);
    if (who === "applicant") await screenshot(page, "forbidden-applicant");
  });
}

test("anonymous visitors are sent to sign in", async ({ page }) => {
  for (const path of ["/my", "/staff", "/audit", "/admin"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(path)}$`));
  }
});

test("an unknown page is a translated 404", async ({ page }) => {
  // With the time-zone cookie already set the page does not refresh itself (on a 404 that
  // refresh is a full reload, which would pull the page away from under the checks).
  await page.context().addCookies([{ name: "most-tz", value: encodeURIComponent("Europe/Prague"), domain: "localhost", path: "/" }]);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(page);
});

test("the second funder's officer sees none of the first funder's applications", async ({ page }) => {
  await openAs(page, ACCOUNTS.officer2);
  const queue = page.getByTestId("staff-queue");
  await expect(queue).toContainText("Digital security school");
  await expect(queue).not.toContainText("Legal defence for detained protesters");
  await expect(queue.locator("tr")).toHaveCount(1);
});
