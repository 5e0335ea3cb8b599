// What the built server answers to requests no browser of ours sends, and to uploads at
// the documented limit: never a 500, never a stack trace, always the security headers.
import { readFileSync } from "node:fs";
import { expect, test, type APIResponse } from "@playwright/test";
import pg from "pg";
import { PROFILES } from "../../scripts/lib/database";
import { emailIndexOf, loginAs } from "./session";

const MIB = 1024 * 1024;
const ru = JSON.parse(readFileSync("messages/ru.json", "utf8")) as { errors: { file: { tooLarge: string } } };
const APPLICANT = "contact.classroom@demo.most";

function expectSafe(r: APIResponse, what: string) {
  expect(r.status(), what).toBeLessThan(500);
  expect(r.status(), what).toBeGreaterThanOrEqual(400);
  const h = r.headers();
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["strict-transport-security"], what).toContain("max-age=");
  expect(h["x-content-type-options"], what).toBe("nosniff");
}

async function expectNoStackTrace(r: APIResponse, what: string) {
  expect(await r.text(), what).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
}

/** The id of the sign-in form's action, as the page renders it for forms without JavaScript. */
async function signInActionId(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const html = await (await request.get("/sign-in")).text();
  // React numbers the stateful forms it renders ($ACTION_1:0, $ACTION_2:0…); the sign-in page has one.
  const ids = [...html.matchAll(/name="\$ACTION_\d+:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/g)].map((m) => m[1]);
  expect(ids).toHaveLength(1);
  const id = ids[0];
  expect(id).toBeTruthy();
  return id!;
}

function multipart(parts: Array<{ name: string; filename?: string; value: string | Buffer }>) {
  const boundary = "----most-e2e-boundary";
  const chunks = parts.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"\r\nContent-Type: application/pdf` : ""}\r\n\r\n`),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
    Buffer.from("\r\n"),
  ]);
  return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

test("malformed requests get a 4xx with every security header and no stack trace", async ({ request, baseURL }) => {
  for (const path of ["/calls/%E0%A4%A", "/staff/grants/%ff", "/my/applications/%C0"]) {
    const r = await request.get(path);
    expectSafe(r, path);
    await expectNoStackTrace(r, path);
  }

  const action = await signInActionId(request);
  const origin = baseURL!;
  const nul = multipart([{ name: "0", value: '["$K1"]' }, { name: "1_file", filename: "a\u0000b.pdf", value: "%PDF-1.4" }]);
  const longName = multipart([{ name: "0", value: '["$K1"]' }, { name: `1_${"x".repeat(100_000)}`, value: "v" }]);
  const cases: Array<{ what: string; headers: Record<string, string>; data: string | Buffer }> = [
    { what: "NUL in a file name", headers: { "content-type": nul.type }, data: nul.body },
    { what: "a 100 kB field name", headers: { "content-type": longName.type }, data: longName.body },
    { what: "JSON nested 100,000 deep", headers: { "content-type": "text/plain;charset=UTF-8" }, data: "[".repeat(100_000) + "]".repeat(100_000) },
    { what: "truncated JSON", headers: { "content-type": "text/plain;charset=UTF-8" }, data: '[{"status":"idle"},{"em' },
    { what: "a foreign Origin", headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://evil.example" }, data: '[{"status":"idle"},"$K1"]' },
    { what: "a null Origin from another site", headers: { "content-type": "text/plain;charset=UTF-8", origin: "null", "sec-fetch-site": "cross-site" }, data: '[{"status":"idle"},"$K1"]' },
    { what: "a broken multipart body", headers: { "content-type": "multipart/form-data; boundary=x" }, data: "--x\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[" },
  ];
  for (const c of cases) {
    const r = await request.post("/sign-in", { headers: { "next-action": action, origin, ...c.headers }, data: c.data });
    expectSafe(r, c.what);
    await expectNoStackTrace(r, c.what);
  }
});

test("an anonymous 2.9 MB form with 30,002 fields is refused before it is read", async ({ request, baseURL }) => {
  const action = await signInActionId(request);
  const form = multipart([{ name: "0", value: '["$K1"]' }, ...Array.from({ length: 30_001 }, (_, i) => ({ name: `1_criteria.c${i}`, value: "x".repeat(60) }))]);
  expect(form.body.byteLength).toBeGreaterThan(2_900_000);
  const r = await request.post("/staff", { headers: { "next-action": action, origin: baseURL!, "content-type": form.type }, data: form.body });
  expect(r.status()).toBe(413);
  expectSafe(r, "anonymous huge form");
});

function db() {
  return new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? `postgresql://most:most-local-only@127.0.0.1:${PROFILES.e2e.port}/most_e2e` });
}

async function draftOf(email: string): Promise<string> {
  const client = db();
  await client.connect();
  try {
    const r = await client.query<{ id: string }>(
      `SELECT a.id FROM "Application" a JOIN "Membership" m ON m."organisationId" = a."organisationId" JOIN "User" u ON u.id = m."userId"
       WHERE u."emailIndex" = $1 AND a.status = 'DRAFT' LIMIT 1`,
      [emailIndexOf(email)],
    );
    return r.rows[0]!.id;
  } finally {
    await client.end();
  }
}

async function attachmentSizes(applicationId: string): Promise<number[]> {
  const client = db();
  await client.connect();
  try {
    const r = await client.query<{ sizeBytes: number }>(`SELECT "sizeBytes" FROM "Attachment" WHERE "applicationId" = $1 ORDER BY "createdAt"`, [applicationId]);
    return r.rows.map((row) => row.sizeBytes);
  } finally {
    await client.end();
  }
}

/** A PDF (by its magic number) of exactly `bytes` bytes. */
function pdfOf(bytes: number): Buffer {
  const b = Buffer.alloc(bytes, 0x20);
  b.write("%PDF-1.4\n", 0, "latin1");
  return b;
}

test("a file of exactly 10 MiB is attached; one byte more gets the translated message at the field", async ({ page }) => {
  test.setTimeout(120_000);
  const applicationId = await draftOf(APPLICANT);
  const before = await attachmentSizes(applicationId);
  await loginAs(page, APPLICANT);
  await page.goto(`/my/applications/${applicationId}`);
  const upload = page.getByTestId("upload-form");

  // The demo applicant reads Russian.
  await upload.locator("#attachment-file").setInputFiles({ name: "ten-mib.pdf", mimeType: "application/pdf", buffer: pdfOf(10 * MIB) });
  await upload.locator("button[type=submit]").click();
  await expect(page.getByTestId("attachments")).toContainText("ten-mib.pdf", { timeout: 30_000 });
  // Focus stays where the person was: on the button they pressed.
  await expect(upload.locator("button[type=submit]")).toBeFocused();
  expect(await attachmentSizes(applicationId)).toEqual([...before, 10 * MIB]);

  await upload.locator("#attachment-file").setInputFiles({ name: "too-big.pdf", mimeType: "application/pdf", buffer: pdfOf(10 * MIB + 1) });
  await upload.locator("button[type=submit]").click();
  await expect(upload.locator("#attachment-file-error")).toHaveText(ru.errors.file.tooLarge, { timeout: 30_000 });
  // The error summary at the form's top takes focus and links to the field it names (WCAG 3.3.1).
  const summary = upload.getByTestId("error-summary").getByRole("link");
  await expect(summary).toContainText(ru.errors.file.tooLarge);
  await expect(upload.locator("[data-form-message]")).toBeFocused();
  await summary.click();
  await expect(upload.locator("#attachment-file")).toBeFocused();
  await expect(page.getByTestId("attachments")).not.toContainText("too-big.pdf");
  expect(await attachmentSizes(applicationId)).toEqual([...before, 10 * MIB]);

  // Larger than a request may be: the same message, before anything is sent.
  await upload.locator("#attachment-file").setInputFiles({ name: "far-too-big.pdf", mimeType: "application/pdf", buffer: pdfOf(12 * MIB) });
  await upload.locator("button[type=submit]").click();
  await expect(upload.locator("#attachment-file-error")).toHaveText(ru.errors.file.tooLarge);
  await expect(page.getByTestId("attachments")).not.toContainText("far-too-big.pdf");
  expect(await attachmentSizes(applicationId)).toEqual([...before, 10 * MIB]);
});
