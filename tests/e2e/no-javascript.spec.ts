// The applicant's journey with JavaScript disabled (issue 19 item 2): every form posts to
// its server action and the server renders the answer, errors included. Staff steps run in
// their own JavaScript-enabled context (staff pages may require JavaScript).
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { currentTotp } from "../../lib/auth/mfa/totp";
import { ACCOUNTS, CONFIRM_LINK, expectAccessibleWithoutScripts as accessible, openAs, screenshot, switchLanguage } from "./helpers";
import { linkInMail } from "./mailbox";
import { databaseUrl } from "./session";

test.use({ javaScriptEnabled: false, locale: "en-GB" });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PASSWORD = "a long enough password";
const ORG = "Quiet Harbour Legal Clinic";
const TITLE = "Court support without scripts";

/**
 * The final report a saved tranche schedule creates (lib/grants/schedule.ts), put in directly:
 * the staff's schedule editor has its own journey (schedule-editor.spec.ts).
 */
async function reportDue(grantId: string) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(`INSERT INTO "Report" (id, "grantId", kind, "dueDate") VALUES (gen_random_uuid(), $1, 'FINAL', current_date + 30)`, [grantId]);
  } finally {
    await client.end();
  }
}

/** A staff member's JavaScript-enabled page, signed in by the session fixture. */
async function staffPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: true, locale: "en-GB" });
  const page = await context.newPage();
  await openAs(page, email);
  await switchLanguage(page, "en");
  return page;
}

async function openApplicationAsStaff(page: Page) {
  await page.goto("/staff");
  await page.getByTestId("staff-queue").getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
}

async function review(browser: Browser, email: string) {
  const page = await staffPage(browser, email);
  await page.goto("/staff/reviews");
  await page.getByTestId("my-reviews").locator("tr", { hasText: ORG }).getByRole("link").first().click();
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Confirm" }).click();
  const form = page.getByTestId("score-form");
  for (let i = 1; i <= 4; i++) await form.getByLabel(`Score 4 for criterion ${i}`).check();
  await form.getByLabel("Your recommendation").selectOption("FUND");
  await form.getByLabel("Overall comment").fill("Clear plan and budget.");
  await page.getByRole("button", { name: "Submit review" }).click();
  await expect(page.getByTestId("own-score")).toContainText("weighted score 4.00");
  await page.context().close();
}

/** Staff take the submitted application to an approved grant. */
async function approve(browser: Browser) {
  const officer = await staffPage(browser, ACCOUNTS.officer);
  await openApplicationAsStaff(officer);
  const screening = officer.getByTestId("screening-form");
  for (const radio of await screening.getByRole("radio", { name: "Met", exact: true }).all()) await radio.check();
  await officer.getByRole("button", { name: "Record screening" }).click();
  await expect(officer.getByText("Eligible – to assign")).toBeVisible();
  for (const name of ["Eva Svobodová", "Mark Jansen"]) {
    await officer.getByTestId("assign-reviewer").getByLabel("Reviewer").selectOption({ label: name });
    await officer.getByTestId("assign-reviewer").getByRole("button", { name: "Assign" }).click();
    await expect(officer.getByTestId("reviews")).toContainText(name);
  }
  await review(browser, ACCOUNTS.reviewer);
  await review(browser, ACCOUNTS.reviewer2);
  await openApplicationAsStaff(officer);
  const rec = officer.getByTestId("recommend-form");
  await rec.getByLabel("Amount to award (CZK)").fill("900 000");
  await rec.getByLabel("Reasons for the applicant").fill("A focused plan.");
  await officer.getByRole("button", { name: "Send recommendation" }).click();
  await expect(officer.getByText("Recommended – awaiting approval")).toBeVisible();

  const approver = await staffPage(browser, ACCOUNTS.approver);
  await approver.getByTestId("pending-decisions").getByRole("link", { name: TITLE }).click();
  await approver.getByRole("button", { name: "Confirm the recommendation" }).click();
  await expect(approver.getByText("Approved", { exact: true }).first()).toBeVisible();
  await approver.context().close();

  await officer.context().close();
}

test("an applicant goes from sign-up to a submitted report with JavaScript disabled", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const email = `nojs.${Date.now()}@example.org`;

  // Sign up and confirm.
  await page.goto("/sign-up");
  await expect(page.locator("script[src]").first()).toBeAttached(); // scripts are on the page, just not run
  await accessible(page);
  await page.getByLabel("Your name", { exact: true }).fill("Nadia");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^Check your e-mail/)).toBeVisible();
  await page.goto(await linkInMail(email, CONFIRM_LINK));
  await accessible(page);
  await page.getByLabel("Your password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(page.getByText(/^That did not work: the password is not the one chosen/)).toBeVisible();
  await page.getByLabel("Your password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Confirm and continue" }).click();

  // The organisation: a refused form first, then created, then edited.
  await expect(page).toHaveURL(/\/my\/organisations\/new$/);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.locator("#org-displayName-error")).toBeVisible();
  await accessible(page);
  await page.getByLabel("Name you are known by", { exact: true }).fill(ORG);
  await page.getByLabel("Legal name", { exact: true }).fill("Quiet Harbour Legal Clinic ANO");
  await page.getByRole("radio", { name: /^Inside Russia/ }).check();
  await page.getByLabel("Human rights", { exact: true }).check();
  await page.getByLabel("Year founded", { exact: true }).fill("2015");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORG);
  await accessible(page);
  const orgUrl = page.url();
  await page.getByRole("link", { name: "Edit profile" }).click();
  await page.getByLabel("Number of staff", { exact: true }).fill("6");
  await accessible(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.goto(orgUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORG);

  // Lost US funding.
  const lf = page.getByTestId("lost-funding-form");
  // "Other" asks for the donor's name: the server draws that field with its error.
  await lf.getByLabel("US donor", { exact: true }).selectOption("OTHER");
  await lf.getByRole("button", { name: "Add" }).click();
  await expect(page.locator("#lf-donorOther-error")).toBeVisible();
  await expect(lf.getByLabel("US donor", { exact: true })).toHaveValue("OTHER");
  await lf.getByLabel("Name of the donor", { exact: true }).fill("Open Courts Fund");
  await lf.getByLabel("Programme or grant name", { exact: true }).fill("Court monitoring");
  await lf.getByLabel("Annual amount", { exact: true }).fill("40 000");
  await lf.getByLabel("Currency", { exact: true }).selectOption("USD");
  await lf.getByLabel("End date", { exact: true }).fill("2025-02-28");
  await lf.getByLabel("What it paid for", { exact: true }).fill("Lawyers' fees");
  await lf.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("lost-funding")).toContainText("Court monitoring");
  await accessible(page);
  await screenshot(page, "nojs-01-organisation");

  // Start the application.
  await page.goto("/calls");
  await page.getByRole("link", { name: "Human rights defence and legal aid 2026" }).click();
  await accessible(page);
  await page.getByRole("button", { name: "Start application" }).click();
  const editor = page.getByTestId("application-editor");
  await expect(editor).toBeVisible();
  const applicationUrl = page.url();
  await accessible(page);

  // Fill, add a budget line with the form's own button, save: the server keeps all of it.
  await page.getByLabel("Project title", { exact: true }).fill(TITLE);
  for (const label of ["Summary", "Problem and context", "Objectives", "Activities and timeline", "Expected results", "Risks and safety plan", "Sustainability"]) {
    await page.getByLabel(label, { exact: true }).fill(`${label}: written without scripts.`);
  }
  await page.getByLabel("Requested amount (CZK)", { exact: true }).fill("900 000");
  // The call wants a share of the project's cost from other sources.
  await page.getByLabel("Co-financing from other sources (CZK)", { exact: true }).fill("200 000");
  await page.getByLabel("Start date", { exact: true }).fill("2027-01-01");
  await page.getByLabel("Duration in months", { exact: true }).fill("12");
  await page.getByLabel("Category of line 1", { exact: true }).selectOption("STAFF");
  await page.getByLabel("Description of line 1", { exact: true }).fill("Lawyers");
  await page.getByLabel("Amount of line 1", { exact: true }).fill("800 000");
  await page.getByRole("button", { name: "Add a budget line" }).click();
  await expect(page.getByLabel("Project title", { exact: true })).toHaveValue(TITLE);
  await expect(page.getByLabel("Amount of line 1", { exact: true })).toHaveValue("800 000");
  await page.getByLabel("Category of line 2", { exact: true }).selectOption("SECURITY");
  await page.getByLabel("Description of line 2", { exact: true }).fill("Secure laptops");
  await page.getByLabel("Amount of line 2", { exact: true }).fill("abc");
  await page.getByRole("button", { name: "Save draft" }).click();
  // A malformed amount is refused at its field and nothing typed is lost.
  await expect(page.locator("#line-1-amount-error")).toBeVisible();
  await expect(page.getByLabel("Description of line 2", { exact: true })).toHaveValue("Secure laptops");
  await accessible(page);
  await page.getByLabel("Amount of line 2", { exact: true }).fill("100 000");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("save-state")).toContainText("Saved. Last edited");
  await expect(page.getByTestId("budget-total")).toContainText("900");
  // A line added by mistake goes again with its own button.
  await page.getByRole("button", { name: "Add a budget line" }).click();
  await expect(page.getByLabel("Amount of line 3", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Remove line 3" }).click();
  await expect(page.getByLabel("Amount of line 3", { exact: true })).toHaveCount(0);
  await page.goto(applicationUrl);
  await expect(page.getByLabel("Description of line 2", { exact: true })).toHaveValue("Secure laptops");

  // Attachments: a refused file explains itself, a PDF is kept.
  await page.getByLabel("Attach a file", { exact: true }).setInputFiles({ name: "budget.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(100).fill(0)]) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("Only PDF, DOCX, XLSX, PNG and JPEG files are accepted (checked from the content).")).toBeVisible();
  await page.getByLabel("Attach a file", { exact: true }).setInputFiles({ name: "statutes.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("attachments")).toContainText("statutes.pdf");
  await accessible(page);
  await screenshot(page, "nojs-02-application");

  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByTestId("timeline")).toContainText("Submitted");
  await accessible(page);

  // The officer asks a question; the applicant answers it.
  const officer = await staffPage(browser, ACCOUNTS.officer);
  await openApplicationAsStaff(officer);
  await officer.getByTestId("question-form").getByLabel("Question to the applicant").fill("How many lawyers does the grant pay?");
  await officer.getByRole("button", { name: "Ask the applicant" }).click();
  await expect(officer.getByText("Awaiting clarification")).toBeVisible();
  await officer.context().close();
  await page.goto(applicationUrl);
  const answer = page.getByTestId("answer-form");
  await answer.getByRole("button", { name: "Send answer" }).click();
  await expect(answer.getByText("This field is required.")).toBeVisible();
  await accessible(page);
  await answer.getByLabel("Your answer").fill("Two lawyers, half time each.");
  await answer.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByTestId("clarification-thread")).toContainText("Two lawyers, half time each.");

  // Staff approve it; the applicant hands in the final report.
  await approve(browser);
  await page.goto(applicationUrl);
  const grantHref = (await page.getByTestId("grant-link").getAttribute("href"))!;
  await reportDue(grantHref.split("/").at(-1)!);
  await page.goto(grantHref);
  await accessible(page);
  await page.getByRole("link", { name: /Final report/ }).first().click();
  const report = page.getByTestId("report-form");
  await report.getByLabel("What was done").fill("We defended twelve people in court.");
  await report.getByRole("button", { name: "Submit report" }).click();
  // Refused (the spending is missing): what was typed stays, the error is at its field.
  await expect(report.locator("[id^=report-spent-][aria-invalid=true]").first()).toBeVisible();
  await expect(report.getByLabel("What was done")).toHaveValue("We defended twelve people in court.");
  await accessible(page);
  for (const input of await report.locator("input[name='spent[]']").all()) await input.fill("400 000");
  await report.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByText("We defended twelve people in court.")).toBeVisible();
  await expect(page.getByTestId("report-form")).toHaveCount(0);
  await accessible(page);
  await screenshot(page, "nojs-03-report");
});

test("an applicant with an authenticator app signs in with JavaScript disabled", async ({ page }) => {
  const email = `nojs.totp.${Date.now()}@example.org`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name", { exact: true }).fill("Timur");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.goto(await linkInMail(email, CONFIRM_LINK));
  await page.getByLabel("Your password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(page).toHaveURL(/\/my\/organisations\/new$/);

  // Enrol the authenticator app.
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await accessible(page);
  await page.getByLabel("6-digit code").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);

  // Sign out and in again: password, then the code (a wrong one first).
  await page.locator("header").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await accessible(page);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("the wrong password");
  await page.locator("main form button[type=submit]").first().click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await page.locator("#password").fill(PASSWORD);
  await page.locator("main form button[type=submit]").first().click();
  await expect(page).toHaveURL(/\/mfa/);
  await accessible(page);
  await page.locator("#mfa-code").fill("000000");
  await page.locator("form:has(#mfa-code) button[type=submit]").click();
  await expect(page.locator("#mfa-code-error")).toBeVisible();
  // The enrolment used this step's code: the next step's code is the first unused one.
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 300);
  await page.locator("#mfa-code").fill(currentTotp(secret));
  await page.locator("form:has(#mfa-code) button[type=submit]").click();
  await expect(page).toHaveURL(/\/my/);
  await accessible(page);
});
