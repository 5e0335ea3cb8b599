// Two web nodes and two job workers on one database and one file store (issue 16 item 5),
// as behind a load balancer: the test server is node A; this file starts node B and a second
// worker with the same settings. A session begun on A works on B, a file sent through A comes
// back whole through B, a notification is e-mailed once although both workers sweep, and
// sign-in failures count once for both nodes (anonymous-call limits: tests/integration/rate-limit.test.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";
import { mailsTo } from "./mailbox";
import { emailIndexOf, query, setUserLocale } from "./session";

const PORT_B = Number(process.env.MOST_E2E_PORT ?? 3100) + 1;
const B = `http://localhost:${PORT_B}`;
const PDF = Buffer.from(`%PDF-1.4\n% two nodes ${Date.now()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
const children: ChildProcess[] = [];

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const env = { ...process.env, ...(JSON.parse(readFileSync(".data/e2e-node-env.json", "utf8")) as Record<string, string>) };
  children.push(spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT_B)], { env: { ...env, NODE_ENV: "production" }, stdio: "ignore" }));
  children.push(spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/worker.ts"], { env, stdio: "ignore" }));
  await until("node B", async () => ((await fetch(`${B}/api/health`)).ok ? true : undefined), 120_000);
});

test.afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once("exit", r)))));
});

test("a session, a file and the job queue are shared by two web nodes and two workers", async ({ page }) => {
  test.setTimeout(180_000);
  await setUserLocale(ACCOUNTS.applicant, "en");
  // Signed in on A…
  await signIn(page, ACCOUNTS.applicant);
  const [draft] = await query<{ id: string }>(`SELECT id FROM "Application" WHERE title = 'Legal support for our journalists' AND status = 'DRAFT' LIMIT 1`);
  // …a file sent through A…
  await page.goto(`/my/applications/${draft!.id}`);
  await page.getByTestId("upload-form").locator("#attachment-file").setInputFiles({ name: "two-nodes.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByTestId("upload-form").locator("button[type=submit]").click();
  const item = page.getByTestId("attachments").locator("li", { hasText: "two-nodes.pdf" });
  await expect(item).toBeVisible({ timeout: 30_000 });
  const href = (await item.getByRole("link").getAttribute("href"))!;

  // …and on B the same session, the same file, byte for byte.
  await page.goto(`${B}/my/applications/${draft!.id}`);
  await expect(page).toHaveURL(`${B}/my/applications/${draft!.id}`);
  await expect(page.getByTestId("attachments")).toContainText("two-nodes.pdf");
  const download = await page.request.get(`${B}${href}`);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  // An action on B changes what A shows.
  await page.getByTestId("attachments").locator("li", { hasText: "two-nodes.pdf" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("attachments")).not.toContainText("two-nodes.pdf");
  await page.goto(`/my/applications/${draft!.id}`);
  await expect(page.getByTestId("attachments")).not.toContainText("two-nodes.pdf");

  // Both workers sweep the same notifications: each is e-mailed exactly once.
  const [auditor] = await query<{ id: string; emailEnabled: boolean; emailDigest: boolean }>(`SELECT id, "emailEnabled", "emailDigest" FROM "User" WHERE "emailIndex" = $1`, [emailIndexOf(ACCOUNTS.auditor)]);
  await query(`UPDATE "User" SET "emailEnabled" = true, "emailDigest" = false WHERE id = $1`, [auditor!.id]);
  try {
    const before = mailsTo(ACCOUNTS.auditor).length;
    const ids = (
      await query<{ id: string }>(
        `INSERT INTO "Notification" (id, "userId", kind, link, params) SELECT gen_random_uuid(), $1, 'EMERGENCY_WAITING', '/staff/queue', jsonb_build_object('reference', 'TWO-NODES-' || n) FROM generate_series(1, 6) n RETURNING id`,
        [auditor!.id],
      )
    ).map((r) => r.id);
    await until("the notifications' e-mails", async () => {
      const left = await query<{ n: string }>(`SELECT count(*) AS n FROM "Notification" WHERE id = ANY($1::uuid[]) AND "emailState" <> 'SENT'`, [ids]);
      return Number(left[0]!.n) === 0 ? true : undefined;
    });
    // Time for a second delivery, were one to come.
    await new Promise((r) => setTimeout(r, 3_000));
    const deliveries = await query<{ n: string }>(`SELECT count(*) AS n FROM "EmailDelivery" WHERE key = ANY($1::text[])`, [ids]);
    expect(Number(deliveries[0]!.n)).toBe(6);
    expect(mailsTo(ACCOUNTS.auditor).length - before).toBe(6);
  } finally {
    await query(`UPDATE "User" SET "emailEnabled" = $2, "emailDigest" = $3 WHERE id = $1`, [auditor!.id, auditor!.emailEnabled, auditor!.emailDigest]);
  }
});

test("sign-in failures on either node count toward one throttle", async ({ browser }) => {
  const nobody = `nobody.${Date.now()}@example.org`;
  const pairCount = async () =>
    Number((await query<{ n: number }>(`SELECT coalesce(sum(failures), 0)::int AS n FROM "LoginThrottle" WHERE key LIKE $1`, [`acct:${emailIndexOf(nobody)}|%`]))[0]!.n);
  for (const origin of [`http://localhost:${Number(process.env.MOST_E2E_PORT ?? 3100)}`, B]) {
    const page = await browser.newPage();
    await page.goto(`${origin}/sign-in`);
    await page.locator("#email").fill(nobody);
    await page.locator("#password").fill("not the password");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("form [role=alert]").first()).toBeVisible();
    await page.close();
  }
  expect(await pairCount()).toBe(2);
});
