// Sanctions screening as the people who do it: a new list version arrives, a grantee's
// director matches (written in Cyrillic, listed in Latin), the officer clears it with a
// reason, the approver confirms, and the award and the payment go through; a second match (the
// account holder) blocks the payment with a clear message, and once confirmed suspends the grant.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { databaseUrl } from "./session";
import { ACCOUNTS, expectAccessible, openAs, screenshot, switchLanguage } from "./helpers";
import { fsfXml, LISTED } from "../support/sanctions-files";

const CONTACT = "contact.families@demo.most"; // admin of a protected organisation with an emergency application
const TITLE = "Urgent lawyers for newly detained relatives";

/** The grant the award created (the application page does not link to it). */
async function grantOf(title: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const r = await client.query<{ id: string }>(`SELECT g.id FROM "Grant" g JOIN "Application" a ON a.id = g."applicationId" WHERE a.title = $1`, [title]);
    return r.rows[0]!.id;
  } finally {
    await client.end();
  }
}

async function uploadList(page: Page, name: string, xml: string) {
  await openAs(page, ACCOUNTS.admin);
  await switchLanguage(page, "en");
  await page.goto("/admin/sanctions");
  await page.getByLabel("List and format").selectOption("eu-fsf");
  await page.getByLabel("Files").setInputFiles({ name, mimeType: "text/xml", buffer: Buffer.from(xml) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("sanctions-imported")).toContainText("Imported:");
}

async function addKeyPerson(page: Page, person: { role: string; name: string; latin?: string; born: string }) {
  await openAs(page, CONTACT);
  await switchLanguage(page, "en");
  await page.goto("/my");
  await page.getByRole("link", { name: /Prisoners' Families Aid/ }).first().click();
  const form = page.getByTestId("key-person-form");
  await form.getByLabel("Role").selectOption({ label: person.role });
  await form.getByLabel("Name as written in documents").fill(person.name);
  if (person.latin) await form.getByLabel("Name in Latin letters").fill(person.latin);
  await form.getByLabel("Date of birth").fill(person.born);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("key-people")).toContainText(person.name);
}

/** Signed in as someone, in English, on a page. */
async function visit(page: Page, who: string, url: string) {
  await openAs(page, who);
  await switchLanguage(page, "en");
  await page.goto(url);
}

async function openMatch(page: Page, who: string, subject: "The organisation" | "A key person", status: string) {
  await openAs(page, who);
  await switchLanguage(page, "en");
  await page.getByRole("navigation", { name: "Staff sections" }).getByRole("link", { name: "Sanctions" }).click();
  const row = page.getByTestId("sanctions-queue").locator("tr", { hasText: status }).filter({ hasText: subject }).first();
  await row.getByRole("link").click();
  await expect(page.getByTestId("match-summary")).toContainText(status);
}

test("a listed director is cleared by two people, a listed account holder stops the money", async ({ page }) => {
  test.setTimeout(240_000);
  await addKeyPerson(page, { role: "Director", name: "Чайковский Пётр Ильич", latin: "CHAYKOVSKIY PETR", born: "1971-05-07" });
  await expect(page.locator("body")).not.toContainText("sanctions match");
  await screenshot(page, "sanctions-00-key-people");

  await uploadList(page, "eu-v1.xml", fsfXml([LISTED.official, LISTED.company]));
  await expectAccessible(page);
  await screenshot(page, "sanctions-01-list-imported");

  // The funder's admin (not assigned, not an approver) sees only that a key person matched.
  await openMatch(page, ACCOUNTS.funderAdmin, "A key person", "Open");
  await expect(page.getByText("who matched, and with which listed entry, is shown only to the lead officer")).toBeVisible();
  await expect(page.getByTestId("listed-names")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send to an approver" })).toHaveCount(0);
  await screenshot(page, "sanctions-01b-funder-admin");

  // The officer takes the lead on the organisation's application, then reviews the match.
  await visit(page, ACCOUNTS.officer, "/staff");
  await page.getByRole("link", { name: TITLE }).first().click();
  await page.getByRole("button", { name: "Become lead officer" }).click();
  await expect(page.getByRole("button", { name: "Become lead officer" })).toHaveCount(0);
  await expect(page.getByTestId("sanctions-summary")).toContainText("not cleared");
  await openMatch(page, ACCOUNTS.officer, "A key person", "Open");
  await expect(page.getByTestId("match-reasons")).toContainText("Same date of birth");
  await expect(page.getByTestId("listed-names")).toContainText("Пётр Ильич Чайковский");
  await expect(page.locator("body")).not.toContainText("Prisoners' Families Aid");
  await page.getByLabel("False positive: not the listed person or entity").check();
  await page.getByLabel("Reason").fill("Passport copy checked: the director was born in 1969 in Perm; the listed official in 1971.");
  await page.getByRole("button", { name: "Send to an approver" }).click();
  await expect(page.getByTestId("match-summary")).toContainText("False positive proposed");
  await expect(page.getByText("another person, an approver, must confirm it")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "sanctions-02-officer-proposes");

  await openMatch(page, ACCOUNTS.approver, "A key person", "False positive proposed");
  await expect(page.getByTestId("proposal-reason")).toContainText("born in 1969");
  await page.getByRole("button", { name: "Confirm: false positive" }).click();
  await expect(page.getByTestId("match-summary")).toContainText("Cleared");
  await screenshot(page, "sanctions-03-approver-clears");

  // The award goes through: the officer recommends, the approver confirms.
  await visit(page, ACCOUNTS.officer, "/staff");
  await page.getByRole("link", { name: TITLE }).first().click();
  const rec = page.getByTestId("recommend-form");
  await rec.getByLabel(/Amount to award/).fill("180 000");
  await rec.getByLabel("Reasons for the applicant").fill("Urgent and well documented.");
  await page.getByRole("button", { name: "Send recommendation" }).click();
  await expect(page.getByText("Recommended – awaiting approval")).toBeVisible();
  const appUrl = page.url();

  await visit(page, ACCOUNTS.approver, appUrl);
  await page.getByRole("button", { name: "Confirm the recommendation" }).click();
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();

  // The officer plans two tranches and requests the first; the approver approves it.
  const grantUrl = `/staff/grants/${await grantOf(TITLE)}`;
  await visit(page, ACCOUNTS.officer, grantUrl);
  const editor = page.getByTestId("schedule-editor");
  // The editor of a grant without a schedule starts with one empty row.
  await editor.getByRole("button", { name: "Add tranche" }).click();
  await editor.getByLabel("Amount of tranche 1").fill("90 000");
  await editor.getByLabel("Date of tranche 1").fill("2027-01-15");
  await editor.getByLabel("Amount of tranche 2").fill("90 000");
  await editor.getByLabel("Date of tranche 2").fill("2027-06-15");
  await editor.getByRole("button", { name: "Save schedule" }).click();
  await expect(editor.getByText("The schedule was saved.")).toBeVisible();
  await page.getByRole("button", { name: "Request payment" }).first().click();
  await expect(page.getByTestId("tranches")).toContainText("Requested");

  await visit(page, ACCOUNTS.approver, grantUrl);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("tranches")).toContainText("Approved for payment");

  // The organisation asks to be paid to its account (verified by finance and the approver, its
  // cooling-off period over: the demo seed); the approver confirms the choice.
  await visit(page, CONTACT, grantUrl.replace("/staff/", "/my/"));
  await page.getByTestId("request-grant-payee").getByRole("button", { name: "Ask to pay the grant to this account" }).click();
  await expect(page.getByTestId("grant-payee")).toContainText("LT •••• 1000");
  await expectAccessible(page);
  await visit(page, ACCOUNTS.approver, grantUrl);
  await expect(page.getByText("A change of this grant's bank account awaits an approver's confirmation.", { exact: false }).first()).toBeVisible();
  await page.getByTestId("decide-grant-payee").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Payments can go to this account.")).toBeVisible();
  await screenshot(page, "sanctions-03b-payee-confirmed");

  // Finance pays it (the grant starts next year: paid ahead, ticked as such).
  await visit(page, ACCOUNTS.finance, grantUrl);
  const record = page.locator("[data-testid^=record-]").first();
  await record.getByLabel("Bank reference").fill("CZ-MFA/2026/905");
  await record.getByLabel(/Pay before the grant starts on/).check();
  await record.getByRole("button", { name: "Record as paid" }).click();
  await expect(page.getByTestId("balance-disbursed")).toHaveText("CZK 90,000.00");
  await screenshot(page, "sanctions-04-payment-recorded");

  // A second list version lists the account holder.
  await addKeyPerson(page, { role: "Account holder", name: "Петровская Анна Сергеевна", born: "1980-02-11" });
  await uploadList(page, "eu-v2.xml", fsfXml([LISTED.official, LISTED.company, LISTED.other]));

  await visit(page, ACCOUNTS.officer, grantUrl);
  await page.getByRole("button", { name: "Request payment" }).first().click();
  await expect(page.getByTestId("tranches")).toContainText("Requested");

  // Not reviewed yet: the payment is refused, and the approver is told why.
  await visit(page, ACCOUNTS.approver, grantUrl);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByText("This organisation has a sanctions match that is not cleared.")).toBeVisible();
  await screenshot(page, "sanctions-05-payment-refused");

  await openMatch(page, ACCOUNTS.officer, "A key person", "Open");
  await page.getByLabel("True match: the listed person or entity").check();
  await page.getByLabel("Reason").fill("Same date of birth and full name as the listed person.");
  await page.getByRole("button", { name: "Send to an approver" }).click();
  await expect(page.getByTestId("match-summary")).toContainText("True match proposed");

  await openMatch(page, ACCOUNTS.approver, "A key person", "True match proposed");
  await page.getByRole("button", { name: "Confirm: true match" }).click();
  await expect(page.getByTestId("match-summary")).toContainText("Confirmed match");
  await page.goto(grantUrl);
  await expect(page.getByText("Suspended").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve payment" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "sanctions-06-grant-suspended");
});
