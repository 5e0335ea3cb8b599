// The application form in a real browser: refused values are marked at their field,
// by autosave and by the buttons, in English and in Russian; long text is kept whole
// and refused with its limit; a refusal's summary takes focus and leads to the field; after
// an upload focus stays with the form. Also the
// portal's icon and the screening form's layout.
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, openAs, screenshot } from "./helpers";
import { setUserLocale } from "./session";

const DRAFT = "Legal support for our journalists";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
type Catalogue = typeof import("../../messages/en.json");
const catalogue = (locale: string) => JSON.parse(readFileSync(`messages/${locale}.json`, "utf8")) as Catalogue;
const [en, ru] = [catalogue("en"), catalogue("ru")];
const CATALOGUES = { en, ru } as const;

async function openDraft(page: Page, locale: "en" | "ru") {
  await setUserLocale(ACCOUNTS.applicant, locale);
  await openAs(page, ACCOUNTS.applicant);
  await page.goto("/my");
  await page.getByRole("link", { name: DRAFT }).first().click();
  await expect(page.getByTestId("application-editor")).toBeVisible();
}

/** The field is marked invalid and its message is what a screen reader reads with it. */
async function expectFieldError(page: Page, control: Locator, message: string) {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const described = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  expect(described.join(" ")).toContain(message);
}

for (const locale of ["en", "ru"] as const) {
  const m = CATALOGUES[locale];

  test(`refused amounts are marked at their field, by autosave, Save and Submit (${locale})`, async ({ page }) => {
    await openDraft(page, locale);
    const amount = page.locator("#requestedAmount");
    const status = page.getByTestId("save-state");
    const [amountBefore, lineBefore] = [await amount.inputValue(), await page.locator("#line-0-amount").inputValue()];

    // Autosave (a few seconds after typing).
    await amount.fill("-5000");
    await expect(amount).toHaveAttribute("aria-invalid", "true", { timeout: 15_000 });
    await expectFieldError(page, amount, m.errors.field.amount);
    await expect(status).toHaveText(m.editor.saveFailed);
    await expect(page.getByText(m.errors.validation)).toBeVisible();
    await screenshot(page, `application-form-amount-error-${locale}`);

    // The Save button.
    await amount.fill("1e15");
    await page.getByRole("button", { name: m.editor.saveDraft }).click();
    await expect(status).toHaveText(m.editor.saveFailed);
    await expectFieldError(page, amount, m.errors.field.amount);

    // Submit saves first; a negative budget line stops both, at its own cell.
    await amount.fill("300000");
    const line = page.locator("#line-0-amount");
    await line.fill("-100");
    await page.getByRole("button", { name: m.editor.submit }).click();
    await expectFieldError(page, line, m.errors.field.amount);
    await expect(amount).toHaveAttribute("aria-invalid", "false");
    await expect(status).toHaveText(m.editor.saveFailed);
    // The summary at the top took focus from the pressed button and leads to the cell.
    const summary = page.getByTestId("error-summary").getByRole("link");
    await expect(summary).toHaveCount(1);
    await expect(summary).toContainText(m.errors.field.amount);
    await expect(page.locator("[data-form-message]")).toBeFocused();
    await summary.click();
    await expect(line).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, `application-form-line-error-${locale}`);

    // Nothing of it was stored.
    await page.reload();
    await expect(page.locator("#requestedAmount")).toHaveValue(amountBefore);
    await expect(page.locator("#line-0-amount")).toHaveValue(lineBefore);
  });
}

test("long text is kept whole, counted against its limit and refused with it (ru)", async ({ page }) => {
  await openDraft(page, "ru");
  const title = page.locator("#title");
  const long = "Правовая поддержка ".repeat(11).slice(0, 201);
  // Pasting, as people do: a browser's maxLength would cut this silently.
  await title.fill(long);
  await expect(title).toHaveValue(long);
  await expect(page.locator("#title-count")).toContainText("200");
  await page.getByRole("button", { name: ru.editor.saveDraft }).click();
  await expectFieldError(page, title, "не более 200 знаков");
  await expect(page.getByTestId("save-state")).toHaveText(ru.editor.saveFailed);
  await expect(title).toHaveValue(long);
  await screenshot(page, "application-form-long-title-ru");
  await page.reload();
  await expect(page.locator("#title")).toHaveValue(DRAFT);
});

test("after an upload, focus stays with the upload form", async ({ page }) => {
  await openDraft(page, "en");
  await page.getByLabel(en.attachments.add, { exact: true }).setInputFiles({ name: "statutes.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: en.attachments.upload }).click();
  await expect(page.getByTestId("attachments")).toContainText("statutes.pdf");
  const form = page.getByTestId("upload-form");
  await expect(form.getByText(en.attachments.uploaded)).toBeVisible();
  await expect.poll(() => form.evaluate((f) => f.contains(document.activeElement))).toBe(true);
});

test("the portal has an icon", async ({ request, page }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toContain("image/");
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon|favicon/);
});

test("screening criteria stay inside their boxes", async ({ page }) => {
  await openAs(page, ACCOUNTS.officer);
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto("/staff");
  await page.getByTestId("staff-queue").getByRole("link", { name: "Legal defence for detained protesters" }).click();
  const form = page.getByTestId("screening-form");
  await expect(form).toBeVisible();
  const boxes = await form.locator("fieldset").evaluateAll((sets) =>
    sets.map((f) => {
      const legend = f.querySelector("legend")!.getBoundingClientRect();
      const box = f.getBoundingClientRect();
      const card = f.closest("section, [class*=rounded]")?.parentElement?.getBoundingClientRect() ?? box;
      return { legendTop: legend.top, boxTop: box.top, legendRight: legend.right, boxRight: box.right, cardRight: card.right };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const b of boxes) {
    // Inside the box, not across its top border.
    expect(b.legendTop).toBeGreaterThanOrEqual(b.boxTop);
    expect(b.legendRight).toBeLessThanOrEqual(b.boxRight + 0.5);
    expect(b.boxRight).toBeLessThanOrEqual(b.cardRight + 0.5);
  }
  await form.screenshot({ path: "test-results/screens/screening-criteria.png" });
});
