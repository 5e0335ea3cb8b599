// Money out through the bank, as the people who handle it (issue 15): a member of the newsroom
// asks to pay its grant to its new account (verified, still cooling off); the colleague is
// told; the approver confirms the change and approves the tranche; finance cannot batch it
// until the cooling-off period has passed (the clock moved on by a fixture), then prepares the
// batch, the approver releases it, finance downloads the pain.001, uploads the bank's camt.053
// for it, and the grantee sees the payment booked. Runs after payee-journey (which verified
// the account) and payment-journey (which paid the second tranche by hand).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { camt053FromBatch } from "../support/camt053-from-batch";
import { passCoolingOff } from "./clock";
import { ACCOUNTS, expectAccessible, openAs, screenshot, switchLanguage } from "./helpers";
import { databaseUrl } from "./session";

const NEW_ACCOUNT = "CZ •••• 5399";
const COLLEAGUE = "contact.freeword@demo.most";

async function demoGrantId(): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const r = await client.query<{ id: string }>(`SELECT g.id FROM "Grant" g JOIN "Application" a ON a.id = g."applicationId" WHERE a.title = 'Keeping the newsroom on air in 2026'`);
    return r.rows[0]!.id;
  } finally {
    await client.end();
  }
}

async function visit(page: Page, email: string, path: string, language: "en" | "ru" | "cs" = "en") {
  await openAs(page, email);
  await switchLanguage(page, language);
  await page.goto(path);
}

/** The bank's statement for a pain.001 it received: every payment booked, references kept. */
function statementFor(pain: string): Buffer {
  const field = (tag: string) => [...pain.matchAll(new RegExp(`<${tag}[^>]*>([^<]+)</${tag}>`, "g"))].map((m) => m[1]!);
  const [ids, amounts] = [field("EndToEndId"), field("InstdAmt")];
  const debtor = /<DbtrAcct>\s*<Id>\s*<IBAN>([^<]+)<\/IBAN>/.exec(pain)![1]!;
  const xml = camt053FromBatch({
    messageId: field("MsgId")[0]!, createdAt: new Date(), requestedExecutionDate: new Date().toISOString().slice(0, 10),
    debtor: { name: "Ministry of Foreign Affairs of the Czech Republic", iban: debtor },
    payments: ids.map((endToEndId, i) => ({ endToEndId, amount: amounts[i]!, currency: "EUR", creditor: { name: "Free Word Media SIA", iban: "CZ6508000000192000145399" } })),
  }, { version: "camt.053.001.02", statementId: `E2E-${Date.now()}`, bookingDate: new Date().toISOString().slice(0, 10), opening: "500000.00" });
  return Buffer.from(xml);
}

test("a tranche goes out in a bank batch to a newly verified account and comes back booked from the statement", async ({ page }) => {
  test.setTimeout(240_000);
  const grantId = await demoGrantId();
  const staffGrant = `/staff/grants/${grantId}`;
  const myGrant = `/my/grants/${grantId}`;

  // A member asks to pay the grant to the new account.
  await visit(page, ACCOUNTS.applicant, myGrant);
  const ask = page.getByTestId("request-grant-payee");
  await ask.getByLabel(/account/i).selectOption({ label: NEW_ACCOUNT });
  await ask.getByRole("button", { name: "Ask to pay the grant to this account" }).click();
  await expect(page.getByTestId("grant-payee")).toContainText(NEW_ACCOUNT);
  await screenshot(page, "bank-01-member-asks-new-account");
  // The demo applicant reads the portal in Russian: later journeys expect it.
  await switchLanguage(page, "ru");

  // The colleague who did not ask is told, without a word of what changed.
  await visit(page, COLLEAGUE, "/notifications");
  await expect(page.locator("main")).toContainText("Someone asked to pay grant");
  await screenshot(page, "bank-02-colleague-notified");

  // The officer asks for the third tranche; the approver confirms the account and the payment.
  await visit(page, ACCOUNTS.officer, staffGrant);
  const row3 = page.getByTestId("tranches").locator("tr").filter({ has: page.locator("td", { hasText: /^3$/ }) });
  await row3.getByRole("button", { name: "Request payment" }).click();
  await expect(row3).toContainText("Requested");

  await visit(page, ACCOUNTS.finance, "/staff/batches");
  // A change of the grant's account waits for an approver: the tranche is not even offered.
  await expect(page.getByText("No approved tranche is ready to pay.")).toBeVisible();

  await visit(page, ACCOUNTS.approver, staffGrant);
  await page.getByTestId("decide-grant-payee").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("decide-grant-payee")).toHaveCount(0);
  await row3.getByRole("button", { name: "Approve payment" }).click();
  await expect(row3).toContainText("Approved for payment");

  // Verified, but still cooling off: finance sees why it cannot go into a batch.
  await visit(page, ACCOUNTS.finance, "/staff/batches");
  const prepare = page.getByTestId("prepare-batch");
  await expect(prepare).toContainText("The account is still in its cooling-off period.");
  await expect(prepare.getByRole("checkbox")).toBeDisabled();
  await screenshot(page, "bank-03-finance-cooling-off");

  await passCoolingOff(NEW_ACCOUNT);
  await page.reload();
  await prepare.getByRole("checkbox").check();
  await prepare.getByRole("button", { name: "Prepare batch" }).click();
  // Nothing else is payable now: the form gives way to the batch, which waits for a second person.
  await expect(page.getByTestId("batches")).toContainText("Waiting for another person to release it.");
  await expect(page.getByText("No approved tranche is ready to pay.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "bank-04-finance-prepared");

  await visit(page, ACCOUNTS.approver, "/staff/batches");
  await page.getByTestId("batches").getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("batches")).toContainText("Released");

  await visit(page, ACCOUNTS.finance, "/staff/batches");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("batches").getByRole("link", { name: "Download pain.001 (.09)" }).first().click();
  const pain = readFileSync(await (await downloading).path(), "utf8");
  expect(pain).toContain("pain.001.001.09");
  expect(pain).toContain("<InstdAmt Ccy=\"EUR\">20000.00</InstdAmt>");
  const batchReference = /<MsgId>([^<]+)<\/MsgId>/.exec(pain)![1]!;

  // The bank's statement comes back: the payment is booked once; the same file again changes nothing.
  await page.goto("/staff/statements");
  const upload = page.getByTestId("statement-upload");
  const statement = { name: "statement.xml", mimeType: "text/xml", buffer: statementFor(pain) };
  await upload.getByLabel("Statement file (camt.053 or camt.054 XML)").setInputFiles(statement);
  await upload.getByRole("button", { name: "Upload and reconcile" }).click();
  await expect(page.getByTestId("statement-imported")).toContainText("1 payment booked");
  await expect(page.getByText("Nothing to check", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "bank-05-finance-statement");
  await upload.getByLabel("Statement file (camt.053 or camt.054 XML)").setInputFiles(statement);
  await upload.getByRole("button", { name: "Upload and reconcile" }).click();
  await expect(page.getByTestId("statement-imported")).toHaveText("This statement was imported before: nothing changed.");
  await page.getByTestId("statements").getByRole("link").first().click();
  await expect(page.getByTestId("statement-lines")).toContainText("Booked");

  await page.goto(staffGrant);
  await expect(page.getByTestId("balance-disbursed")).toHaveText("€110,000.00");
  await expect(row3.getByTestId("bank-status")).toContainText("Booked by the bank");

  // The grantee, in Russian, sees the money booked by the bank.
  await openAs(page, ACCOUNTS.applicant);
  await switchLanguage(page, "ru");
  await page.goto(myGrant);
  const mine = page.getByTestId("my-tranches").locator("tr").filter({ has: page.locator("td", { hasText: /^3$/ }) });
  await expect(mine.getByTestId("bank-status")).toContainText("Проведён банком");
  // The batch's reference is for the bank and finance, not for the grantee's page.
  await expect(page.locator("body")).not.toContainText(batchReference);
  await expectAccessible(page);
  await screenshot(page, "bank-06-grantee-booked-ru");

  // Finance learns the account may be compromised: one person withdraws its verification and
  // nothing more can be paid to it until it is verified again.
  await visit(page, ACCOUNTS.finance, "/staff/payees");
  await page.getByTestId("payees-to-verify").getByRole("link", { name: NEW_ACCOUNT }).click();
  const revoke = page.getByTestId("revoke-verification");
  await revoke.getByLabel("Reason").selectOption({ label: "Suspected fraud or account takeover" });
  await revoke.getByRole("button", { name: "Withdraw verification" }).click();
  await expect(page.getByTestId("last-revoked")).toContainText("Suspected fraud or account takeover");
  await expect(page.getByTestId("record-verification")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "bank-07-finance-withdraws-verification");
  await page.goto(staffGrant);
  await expect(page.getByText("This grant's bank account is not verified for this funder.", { exact: false }).first()).toBeVisible();
});
