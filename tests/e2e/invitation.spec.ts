// An organisation's administrator invites a colleague, who registers from the invitation,
// confirms the address and comes back to the invitation to join.
import { expect, test } from "@playwright/test";
import { registerAndConfirm, screenshot, signOut } from "./helpers";

test("an invited colleague registers from the invitation and joins the organisation", async ({ page }) => {
  const stamp = Date.now();
  await registerAndConfirm(page, "Irina", `irina.${stamp}@example.org`);
  await page.getByLabel("Name you are known by", { exact: true }).fill(`Memorial Archive ${stamp}`);
  await page.getByLabel("Legal name", { exact: true }).fill("Memorial Archive e.V.");
  await page.getByRole("radio", { name: /^In exile/ }).check();
  await page.getByLabel("Country where you work", { exact: true }).selectOption("DE");
  await page.getByLabel("Culture", { exact: true }).check();
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Memorial Archive ${stamp}`);

  const colleague = `pavel.${stamp}@example.org`;
  await page.getByTestId("invite-form").getByLabel("Email of the person to invite").fill(colleague);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  await signOut(page);

  await page.goto(new URL(link).pathname);
  await page.getByRole("link", { name: "Register" }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Finvitations%2F|\/sign-up\?next=\/invitations\//);
  await registerAndConfirm(page, "Pavel", colleague, page.url());
  await expect(page).toHaveURL(new RegExp(`${new URL(link).pathname}$`));
  await expect(page.getByText(`You were invited to join Memorial Archive ${stamp}.`)).toBeVisible();
  await screenshot(page, "invitation-after-sign-up");
  await page.getByRole("button", { name: "Join the organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Memorial Archive ${stamp}`);
});
