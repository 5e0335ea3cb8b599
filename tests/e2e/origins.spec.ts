// The portal under more than one origin (issue 19): a mirror name and an onion service next to
// its own. Chromium reaches the mirror through a host-resolver rule; the onion service is
// played by requests whose Host names it (as Tor's onion service forwards them).
import { expect, test } from "@playwright/test";
import { E2E_MIRROR_HOST, E2E_ONION } from "../../scripts/lib/e2e-origins";
import { CONFIRM_LINK, expectAccessible, screenshot, switchLanguage } from "./helpers";
import { bodyOf, mailsTo } from "./mailbox";

const PORT = Number(process.env.MOST_E2E_PORT ?? 3100);
const MIRROR = `http://${E2E_MIRROR_HOST}:${PORT}`;
const ONION_HOST = new URL(E2E_ONION).host;

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", `--host-resolver-rules=MAP ${E2E_MIRROR_HOST} 127.0.0.1`],
  },
});

test("the clearnet origin announces the onion service; the onion service has no HSTS", async ({ request }) => {
  const clear = await request.get("/calls?x=1");
  expect(clear.status()).toBe(200);
  expect(clear.headers()["onion-location"]).toBe(`${E2E_ONION}/calls?x=1`);
  expect(clear.headers()["strict-transport-security"]).toMatch(/max-age=/);

  const onion = await request.get("/calls", { headers: { host: ONION_HOST } });
  expect(onion.status()).toBe(200);
  expect(onion.headers()["onion-location"]).toBeUndefined();
  expect(onion.headers()["strict-transport-security"]).toBeUndefined();
  expect(onion.headers()["x-frame-options"]).toBe("DENY");
});

test("an applicant signs up on a mirror: the e-mailed link names the mirror, and the account works there", async ({ page }) => {
  const email = `mirror.${Date.now()}@example.org`;
  await page.goto(`${MIRROR}/sign-up`);
  await switchLanguage(page, "uk");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.locator("#name").fill("Олена");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("дуже надійна фраза 2026");
  await page.locator("form button[type=submit]").first().click();
  await expect.poll(() => mailsTo(email).length, { timeout: 15_000 }).toBe(1);
  const link = CONFIRM_LINK.exec(bodyOf(mailsTo(email)[0]!))![0];
  expect(new URL(link).origin).toBe(MIRROR);

  await page.goto(link);
  await page.locator("#password").fill("дуже надійна фраза 2026");
  await page.locator("form button[type=submit]").first().click();
  // Signed in on the mirror (its own cookie; the server action's origin check passed there).
  await expect(page).toHaveURL(new RegExp(`^${MIRROR.replace(/\./g, "\\.")}/my/organisations/new$`));
  await screenshot(page, "mirror-signed-in");
  const cookies = await page.context().cookies(MIRROR);
  expect(cookies.map((c) => c.name)).toContain("authjs.session-token");
});

test("a form posted from a configured origin to another one is refused", async ({ request }) => {
  // The cross-origin guard compares Origin with the Host the request names: a page on the
  // mirror cannot post to the onion service's host, even though both are the portal's.
  const r = await request.post("/sign-in", { headers: { host: ONION_HOST, origin: MIRROR, "content-type": "multipart/form-data; boundary=x", "next-action": "0".repeat(42) }, data: "--x--\r\n" });
  expect(r.status()).toBe(403);
});
