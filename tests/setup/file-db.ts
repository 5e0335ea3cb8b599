// Gives each test file its own database, cloned from the migrated template, so files
// run in parallel without seeing each other's rows (the audit chain included).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { TEST_ENV } from "./test-env";
import { disconnectOwnerDb } from "../../scripts/lib/owner-client";

const adminUrl = inject("adminUrl");
const templateUrl = inject("templateUrl");
const template = new URL(templateUrl).pathname.slice(1);
const name = `most_t_${randomBytes(6).toString("hex")}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Cloning needs the template idle; concurrent clones can collide briefly, so retry.
for (let attempt = 0; ; attempt++) {
  try {
    await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    // Rights on the database itself are not copied from the template (scripts/lib/grants.ts).
    await admin(`REVOKE TEMPORARY ON DATABASE "${name}" FROM PUBLIC`);
    break;
  } catch (e) {
    if (attempt > 20) throw e;
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
}

// The code under test connects as the portal does (the app login, which owns nothing);
// tests that must act as a thief of the owner's login use OWNER_DATABASE_URL by name.
const url = new URL(inject("appTemplateUrl"));
url.pathname = `/${name}`;
const ownerUrl = new URL(templateUrl);
ownerUrl.pathname = `/${name}`;
// Mail goes to a folder of this file's own (tests that read mail set their own), never
// to the developer's mailbox.
const mailbox = mkdtempSync(path.join(tmpdir(), "most-mail-"));
Object.assign(process.env, TEST_ENV, { DATABASE_URL: url.toString(), OWNER_DATABASE_URL: ownerUrl.toString(), MOST_TEST_DB: name, MAILBOX_DIR: mailbox });

afterAll(async () => {
  const { db } = await import("../../lib/db");
  const { backgroundMailSettled } = await import("../../lib/notifications/outbox");
  await backgroundMailSettled();
  await db.$disconnect();
  await disconnectOwnerDb();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(mailbox, { recursive: true, force: true });
});
