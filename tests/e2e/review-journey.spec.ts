// From submission to decision: the officer asks a question, the applicant answers, the
// officer screens and assigns two reviewers, both score, the officer recommends, an
// approver approves, and the applicant sees the decision.
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot, signOut, switchLanguage } from "./helpers";
import { bodyOf, mailsTo } from "./mailbox";

const TITLE = "Legal defence for detained protesters";

async function openFromQueue(page: Page) {
  await page.goto("/staff");
  await page.getByTestId("staff-queue").getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
}

async function review(page: Page, email: string, score: string, recommendation: string) {
  await openAs(page, email);
  await switchLanguage(page, "en");
  await page.goto("/staff/reviews");
  await page.getByTestId("my-reviews").getByRole("link").first().click();
  // Before the declaration the application text is not shown.
  await expect(page.getByTestId("score-form")).toHaveCount(0);
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Confirm" }).click();
  const form = page.getByTestId("score-form");
  await expect(form).toBeVisible();
  for (let i = 1; i <= 4; i++) await form.getByLabel(`Score ${score} for criterion ${i}`).check();
  await form.getByLabel("Your recommendation").selectOption(recommendation);
  await form.getByLabel("Overall comment").fill("Credible team, clear plan, realistic budget.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit review" }).click();
  await expect(page.getByTestId("own-score")).toContainText(`weighted score ${score}.00`);
  await signOut(page);
}

test("an application goes from submission to an approved grant", async ({ page }) => {
  test.setTimeout(180_000);
  // Let the worker send whatever the demo data caused before this journey starts.
  await page.waitForTimeout(3_000);
  const mailsBefore = mailsTo(ACCOUNTS.applicant).length;
  // The officer asks the applicant a question.
  await openAs(page, ACCOUNTS.officer);
  await switchLanguage(page, "en");
  await openFromQueue(page);
  // A protected organisation appears by its codename.
  await expect(page.getByTestId("applicant-label")).not.toHaveText("Northern Rights Defence Centre");
  await page.getByTestId("question-form").getByLabel("Question to the applicant").fill("Please confirm how many lawyers the grant pays.");
  await page.getByRole("button", { name: "Ask the applicant" }).click();
  await expect(page.getByText("Awaiting clarification")).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // The applicant sees the badge, follows the notification and answers (in Russian).
  await openAs(page, ACCOUNTS.applicant);
  await page.goto("/my");
  await expect(page.getByTestId("notifications-badge")).toBeVisible();
  await page.getByTestId("notifications-link").click();
  const item = page.getByTestId("notification-list").locator("li[data-read=no]", { hasText: "запрошено уточнение" });
  await expect(item).toHaveCount(1);
  await screenshot(page, "review-00-applicant-notifications-ru");
  await expectAccessible(page);
  await item.getByRole("button", { name: "Открыть" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText("У программы есть к вам вопрос.", { exact: false })).toBeVisible();
  await page.getByTestId("answer-form").getByLabel("Ваш ответ").fill("Четырёх адвокатов на половину ставки.");
  await page.getByRole("button", { name: "Отправить ответ" }).click();
  await expect(page.getByTestId("clarification-thread")).toContainText("Четырёх адвокатов");
  await expect(page.getByTestId("timeline")).toContainText("Вы ответили");
  await screenshot(page, "review-01-applicant-answered-ru");
  // Exactly one e-mail about the question, in Russian, saying nothing about it.
  await expect.poll(() => mailsTo(ACCOUNTS.applicant).length, { timeout: 20_000 }).toBe(mailsBefore + 1);
  const mail = bodyOf(mailsTo(ACCOUNTS.applicant).at(-1)!);
  expect(mail).toContain("В портале для вас есть что-то новое");
  for (const word of [TITLE, "lawyers", "Free Word", "Northern Rights", "Ministry", "MFA", "EUR"]) expect(mail).not.toContain(word);
  await signOut(page);

  // The officer screens and assigns two reviewers.
  await openAs(page, ACCOUNTS.officer);
  await openFromQueue(page);
  const screening = page.getByTestId("screening-form");
  for (const radio of await screening.getByRole("radio", { name: "Met", exact: true }).all()) await radio.check();
  await page.getByRole("button", { name: "Record screening" }).click();
  await expect(page.getByText("Eligible – to assign")).toBeVisible();
  const assign = page.getByTestId("assign-reviewer");
  await assign.getByLabel("Reviewer").selectOption({ label: "Eva Svobodová" });
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByTestId("reviews")).toContainText("Eva Svobodová");
  await page.getByTestId("assign-reviewer").getByLabel("Reviewer").selectOption({ label: "Mark Jansen" });
  await page.getByTestId("assign-reviewer").getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText("In review", { exact: true })).toBeVisible();
  await screenshot(page, "review-02-officer-assigned");
  await signOut(page);

  // Two reviewers declare no conflict and score.
  await review(page, ACCOUNTS.reviewer, "4", "FUND");
  await review(page, ACCOUNTS.reviewer2, "3", "FUND_WITH_CHANGES");

  // The officer sees the scores and recommends approval.
  await openAs(page, ACCOUNTS.officer);
  await openFromQueue(page);
  await expect(page.getByTestId("score")).toHaveText("3.50 (spread 1.00)");
  const rec = page.getByTestId("recommend-form");
  await rec.getByLabel("Amount to award (CZK)").fill("1 500 000");
  await rec.getByLabel("Reasons for the applicant").fill("Strong legal team; the travel budget is reduced.");
  await rec.getByLabel("Internal notes").fill("Reviewer 2 asked to cut travel.");
  await page.getByRole("button", { name: "Send recommendation" }).click();
  await expect(page.getByText("Recommended – awaiting approval")).toBeVisible();
  await expect(page.getByText("You made this recommendation: another approver must decide.")).toBeVisible();
  await screenshot(page, "review-03-recommended");
  await signOut(page);

  // A different person, the approver, confirms.
  await openAs(page, ACCOUNTS.approver);
  await switchLanguage(page, "en");
  await expect(page.getByTestId("pending-decisions")).toContainText(TITLE);
  await page.getByTestId("pending-decisions").getByRole("link").first().click();
  await page.getByRole("button", { name: "Confirm the recommendation" }).click();
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "review-04-approved");
  await signOut(page);

  // The applicant sees the decision and its reasons, not the internal notes.
  await openAs(page, ACCOUNTS.applicant);
  await page.getByRole("link", { name: TITLE, exact: true }).click();
  await expect(page.getByTestId("decision")).toContainText("Одобрено");
  await expect(page.getByTestId("decision")).toContainText("Strong legal team");
  await expect(page.locator("body")).not.toContainText("Reviewer 2 asked to cut travel.");
  await screenshot(page, "review-05-applicant-decision-ru");
});

test("an officer drafts a call in three languages and opens it", async ({ page }) => {
  await openAs(page, ACCOUNTS.officer);
  await switchLanguage(page, "en");
  await page.goto("/staff/calls/new");
  await expectAccessible(page);
  for (const [field, texts] of Object.entries({
    Title: ["Digital security for newsrooms", "Цифровая безопасность редакций", "Digitální bezpečnost redakcí"],
    Summary: ["Training and tools.", "Обучение и инструменты.", "Školení a nástroje."],
    "Who can apply": ["Independent newsrooms.", "Независимые редакции.", "Nezávislé redakce."],
  })) {
    const group = page.getByRole("group", { name: field, exact: true });
    await group.getByLabel("English").fill(texts[0]!);
    await group.getByLabel("Russian").fill(texts[1]!);
    await group.getByLabel("Czech").fill(texts[2]!);
  }
  await page.getByLabel("Opens").fill("2026-12-01T09:00");
  await page.getByLabel("Deadline").fill("2027-02-28T23:59");
  await page.getByLabel("Budget envelope").fill("3000000");
  await page.getByLabel("Minimum grant").fill("100000");
  await page.getByLabel("Maximum grant").fill("600000");
  await page.getByLabel("Criterion 1 in English").first().fill("Editorially independent");
  await page.getByLabel("Criterion 1 in Russian").first().fill("Редакционно независима");
  await page.getByLabel("Criterion 1 in Czech").first().fill("Redakčně nezávislá");
  const scoring = page.getByRole("group", { name: "Scoring criteria and weights" });
  for (const [i, [en, ru, cs]] of [["Need", "Потребность", "Potřeba"], ["Plan", "План", "Plán"]].entries()) {
    await scoring.getByLabel(`Criterion ${i + 1} in English`).fill(en!);
    await scoring.getByLabel(`Criterion ${i + 1} in Russian`).fill(ru!);
    await scoring.getByLabel(`Criterion ${i + 1} in Czech`).fill(cs!);
  }
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Digital security for newsrooms");
  await page.getByRole("button", { name: "Open the call" }).click();
  await expect(page.getByText("Open", { exact: true }).first()).toBeVisible();
  await screenshot(page, "call-opened");
  await page.goto("/calls");
  await expect(page.getByTestId("calls-list")).toContainText("Digital security for newsrooms");
});
