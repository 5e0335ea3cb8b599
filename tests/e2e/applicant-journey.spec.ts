// The applicant's journey, in Russian: sign up, create a protected organisation, record
// lost US funding, fill in and submit an application with a budget and an attachment.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, CONFIRM_LINK, expectAccessible, openAs, registerAndConfirm, screenshot, switchLanguage } from "./helpers";
import { bodyOf, linkInMail, mailsTo } from "./mailbox";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("an applicant registers, describes the organisation and submits an application (ru)", async ({ page, browser }) => {
  const email = `anna.${Date.now()}@example.org`;
  await page.goto("/sign-up");
  await switchLanguage(page, "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Регистрация");
  await expectAccessible(page);
  await page.getByLabel("Ваше имя", { exact: true }).fill("Анна");
  await page.getByLabel("Электронная почта", { exact: true }).fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill("очень надёжная фраза 2026");
  await page.getByLabel("Предпочтительный язык", { exact: true }).selectOption("ru");
  await screenshot(page, "applicant-01-sign-up");
  await page.getByRole("button", { name: "Создать учётную запись" }).click();
  await expect(page.getByText(/^Проверьте почту/)).toBeVisible();
  await screenshot(page, "applicant-01b-check-mail");

  // The link from the e-mail opens a page whose button creates the account and signs in.
  await page.goto(await linkInMail(email, CONFIRM_LINK));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Подтвердите адрес электронной почты");
  await expectAccessible(page);
  // The link alone opens nothing: the password chosen above goes with it (a wrong one is explained).
  await page.getByLabel("Ваш пароль", { exact: true }).fill("не тот пароль");
  await page.getByRole("button", { name: "Подтвердить и продолжить" }).click();
  await expect(page.getByText(/^Не получилось: пароль не совпадает/)).toBeVisible();
  await screenshot(page, "applicant-01c-confirm-wrong-password");
  await page.getByLabel("Ваш пароль", { exact: true }).fill("очень надёжная фраза 2026");
  await page.getByRole("button", { name: "Подтвердить и продолжить" }).click();

  // Organisation profile, protected.
  await expect(page).toHaveURL(/\/my\/organisations\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Регистрация организации");
  await page.getByLabel("Название, под которым вас знают", { exact: true }).fill("Правовая инициатива «Север»");
  await page.getByLabel("Юридическое название", { exact: true }).fill("АНО «Северная правовая инициатива»");
  await page.getByLabel("Регистрационный номер", { exact: true }).fill("1127800009999");
  await page.getByRole("radio", { name: /^В России/ }).check();
  await page.getByLabel("Права человека", { exact: true }).check();
  await page.getByLabel("Юридическая помощь", { exact: true }).check();
  await page.getByLabel("Год основания", { exact: true }).fill("2011");
  await page.getByLabel("Годовой бюджет", { exact: true }).fill("120 000");
  await page.getByLabel("Валюта бюджета", { exact: true }).selectOption("USD");
  await page.getByRole("checkbox", { name: /^Защитить наши данные/ }).check();
  await expectAccessible(page);
  await screenshot(page, "applicant-02-organisation-form");
  await page.getByRole("button", { name: "Создать организацию" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Правовая инициатива «Север»");
  await expect(page.getByText(/Защищена: сотрудники/)).toBeVisible();

  // Lost US funding.
  const lf = page.getByTestId("lost-funding-form");
  await lf.getByLabel("Донор из США", { exact: true }).selectOption("NED");
  await lf.getByLabel("Программа или грант", { exact: true }).fill("Защита активистов");
  await lf.getByLabel("Сумма в год", { exact: true }).fill("85 000");
  await lf.getByLabel("Валюта", { exact: true }).selectOption("USD");
  await lf.getByLabel("Дата окончания", { exact: true }).fill("2025-02-28");
  await lf.getByLabel("На что шли деньги", { exact: true }).fill("Гонорары адвокатов по 30 делам в год");
  await lf.getByRole("button", { name: "Добавить" }).click();
  await expect(page.getByTestId("lost-funding")).toContainText("Защита активистов");
  await expect(page.getByTestId("lost-funding")).toContainText("85");
  await expectAccessible(page);
  await screenshot(page, "applicant-03-organisation-profile");

  // Apply to the open human-rights call.
  await page.goto("/calls");
  await page.getByRole("link", { name: "Правозащита и юридическая помощь 2026" }).click();
  await expect(page.getByTestId("deadline")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "applicant-04-call");
  await page.getByRole("button", { name: "Начать заявку" }).click();
  await expect(page.getByTestId("application-editor")).toBeVisible();

  await page.getByLabel("Название проекта", { exact: true }).fill("Защита задержанных участников протестов");
  const sections: Record<string, string> = {
    "Краткое описание": "Юридическая защита людей, задержанных за антивоенные высказывания.",
    "Проблема и контекст": "Число уголовных дел растёт, американская поддержка прекратилась.",
    "Цели": "Обеспечить защиту 40 человек в течение года.",
    "Мероприятия и сроки": "Месяцы 1–12: консультации, суды, апелляции.",
    "Ожидаемые результаты": "40 подзащитных, отчёты о нарушениях.",
    "Риски и план безопасности": "Зашифрованная связь, имена не публикуются.",
    "Устойчивость": "Привлечение европейских и частных доноров.",
  };
  for (const [label, text] of Object.entries(sections)) await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByLabel("Запрашиваемая сумма (CZK)", { exact: true }).fill("900 000");
  await page.getByLabel("Софинансирование из других источников (CZK)", { exact: true }).fill("100 000");
  await page.getByLabel("Дата начала", { exact: true }).fill("2027-01-01");
  await page.getByLabel("Продолжительность в месяцах", { exact: true }).fill("12");
  await page.getByLabel("Статья строки 1", { exact: true }).selectOption("STAFF");
  await page.getByLabel("Описание строки 1", { exact: true }).fill("Адвокаты");
  await page.getByLabel("Сумма строки 1", { exact: true }).fill("800 000");
  await page.getByRole("button", { name: "Добавить строку бюджета" }).click();
  await page.getByLabel("Статья строки 2", { exact: true }).selectOption("SECURITY");
  await page.getByLabel("Описание строки 2", { exact: true }).fill("Защищённые устройства");
  await page.getByLabel("Сумма строки 2", { exact: true }).fill("90 000");
  // The live check notices the 10 000 CZK gap before submission.
  await expect(page.getByText(/Сумма строк — 890/)).toBeVisible();
  await page.getByLabel("Сумма строки 2", { exact: true }).fill("100 000");
  await expect(page.getByTestId("budget-total")).toContainText("900");
  await page.getByRole("button", { name: "Сохранить черновик" }).click();
  await expect(page.getByTestId("save-state")).toContainText("Сохранено");

  await page.getByLabel("Приложить файл", { exact: true }).setInputFiles({ name: "устав.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.getByTestId("attachments")).toContainText("устав.pdf");
  // A renamed executable is refused by content.
  await page.getByLabel("Приложить файл", { exact: true }).setInputFiles({ name: "бюджет.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(100).fill(0)]) });
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.getByText("Принимаются только файлы PDF, DOCX, XLSX, PNG и JPEG (проверяется по содержимому).", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "applicant-05-application-form");

  await page.getByRole("button", { name: "Подать заявку" }).click();
  await expect(page.getByText("Получена")).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Подана");
  await expectAccessible(page);
  await screenshot(page, "applicant-06-submitted");

  // The protected organisation's file: its member downloads it whole; staff who are not the
  // application's lead officer get not-found, as if it did not exist.
  const href = await page.getByTestId("attachments").getByRole("link", { name: "устав.pdf" }).getAttribute("href");
  expect(href).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
  const own = await page.request.get(href!);
  expect(own.status()).toBe(200);
  expect(Buffer.from(await own.body()).equals(PDF)).toBe(true);
  expect(own.headers()["content-disposition"]).toContain(encodeURIComponent("устав.pdf"));
  for (const email of [ACCOUNTS.officer, ACCOUNTS.approver, ACCOUNTS.funderAdmin, ACCOUNTS.auditor]) {
    const staff = await browser.newPage();
    await openAs(staff, email);
    expect((await staff.request.get(href!)).status(), email).toBe(404);
    await staff.close();
  }

  await page.goto("/my");
  await expect(page.getByText("Защита задержанных участников протестов")).toBeVisible();
});

test("submission shows each problem next to its field", async ({ page }) => {
  const email = `empty.${Date.now()}@example.org`;
  await registerAndConfirm(page, "Olga", email);
  await page.getByLabel("Name you are known by", { exact: true }).fill("Open Classroom");
  await page.getByLabel("Legal name", { exact: true }).fill("Open Classroom NNLE");
  await page.getByRole("radio", { name: /^In exile/ }).check();
  await page.getByLabel("Country where you work", { exact: true }).selectOption("GE");
  await page.getByLabel("Education", { exact: true }).check();
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open Classroom");
  await page.goto("/calls");
  await page.getByRole("link", { name: "Human rights defence and legal aid 2026" }).click();
  await page.getByRole("button", { name: "Start application" }).click();
  await page.getByLabel("Project title", { exact: true }).fill("Law clinic");
  await page.getByLabel("Requested amount (CZK)", { exact: true }).fill("100");
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.locator("#section-summary-error")).toHaveText("This field is required.");
  await expect(page.locator("#requestedAmount-error")).toHaveText("The requested amount is outside the call's grant range.");
  await expect(page.getByText("Add at least one budget line.").or(page.getByText("The budget lines do not add up to the requested amount."))).toBeVisible();
  await screenshot(page, "applicant-submit-errors");
});

test("registering with an address that already has an account answers the same and tells only its owner", async ({ page }) => {
  // Only this mail links to the forgotten-password page (a reset mail links to the reset itself).
  const knownAddressMails = () => mailsTo(ACCOUNTS.applicant).map(bodyOf).filter((b) => b.includes("/forgot-password"));
  const before = knownAddressMails().length;
  await page.goto("/sign-up");
  await switchLanguage(page, "en");
  await page.getByLabel("Your name", { exact: true }).fill("Someone Else");
  await page.getByLabel("Email", { exact: true }).fill(ACCOUNTS.applicant);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^Check your e-mail: we have sent a message/)).toBeVisible();
  await screenshot(page, "sign-up-known-address");
  await expect.poll(() => knownAddressMails().length).toBe(before + 1);
  expect(mailsTo(ACCOUNTS.applicant).map(bodyOf).filter((b) => CONFIRM_LINK.test(b))).toEqual([]);
  // An old or forged link leads back to the sign-up, with an explanation.
  await page.goto("/sign-up/confirm?token=" + "A".repeat(43));
  await expect(page.getByText(/^This link is not valid any more/)).toBeVisible();
});
