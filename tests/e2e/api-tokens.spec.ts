// API tokens as the funder admin handles them: a token is made (a missing scope is refused at
// its field), shown once, opens the API for the funder's data, and stops at once when revoked.
// And the reference page and problem details in another language.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot, switchLanguage } from "./helpers";

test("a funder admin creates a token, sees it once, uses it and revokes it", async ({ page, request }) => {
  test.setTimeout(120_000);
  await openAs(page, ACCOUNTS.funderAdmin);
  await switchLanguage(page, "en");
  await page.getByRole("navigation", { name: "Staff sections" }).getByRole("link", { name: "API tokens" }).click();
  const form = page.getByTestId("create-api-token");
  const name = `Finance system ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Choose at least one scope.")).toBeVisible();
  await form.getByLabel("Grants (read)").check();
  await form.getByLabel("Tranches and ledger (read)").check();
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-api-token");
  await expect(shown).toHaveValue(/^most_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();
  await expect(page.getByTestId("api-tokens")).toContainText(name);
  await expectAccessible(page);
  await screenshot(page, "api-tokens-01-created-once");

  const grants = await request.get("/api/v1/grants?limit=5", { headers: { authorization: `Bearer ${token}` } });
  expect(grants.status()).toBe(200);
  const body = (await grants.json()) as { data: Array<{ number: string; organisation: string }> };
  expect(body.data.length).toBeGreaterThan(0);
  expect(body.data.every((g) => g.number.startsWith("CZ-MFA"))).toBe(true);

  // Shown once: after a reload only its first characters are on the page.
  await page.reload();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  const row = page.getByTestId("api-tokens").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 12));
  await row.getByRole("button", { name: `Revoke: ${name}` }).click();
  await expect(row).toContainText("Revoked");
  await screenshot(page, "api-tokens-02-revoked");
  const after = await request.get("/api/v1/grants", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
});

test("the reference page and the problem details speak the reader's language; other staff have no token page", async ({ page, request }) => {
  test.setTimeout(60_000);
  await openAs(page, ACCOUNTS.officer);
  await switchLanguage(page, "cs");
  await expect(page.getByRole("navigation", { name: "Sekce pracovníka" }).getByRole("link", { name: "Tokeny API" })).toHaveCount(0);
  const denied = await page.goto("/staff/api-tokens");
  expect(denied?.status()).toBe(403);
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Referenční příručka API");
  await expect(page.getByTestId("api-operations")).toContainText("/api/v1/tranches");
  await expectAccessible(page);
  await screenshot(page, "api-tokens-03-reference-cs");
  const doc = await request.get("/api/v1/openapi.json");
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  const problem = await request.get("/api/v1/ledger", { headers: { "accept-language": "uk" } });
  expect(problem.status()).toBe(401);
  expect(((await problem.json()) as { detail: string }).detail).toContain("API-токен");
});
