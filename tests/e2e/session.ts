// Test fixture: signs a demo account in by creating its server-side session directly in
// the browser-test database and setting the Auth.js cookie, as the sign-in would. Used
// by journeys; the real sign-in form (password and second factor) has its own tests.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { PROFILES } from "../../scripts/lib/database";
import { emailIndexWith } from "../../lib/users/email-index";
import type { Locale } from "../../lib/i18n/locales";

const COOKIE = "authjs.session-token";

/** A demo account's blind index (addresses are sealed; lib/users/email-index.ts). */
export function emailIndexOf(email: string): string {
  const { MOST_BLIND_INDEX_KEY } = JSON.parse(readFileSync(".data/secrets-e2e.json", "utf8")) as { MOST_BLIND_INDEX_KEY: string };
  return emailIndexWith(MOST_BLIND_INDEX_KEY, email);
}

export function databaseUrl() {
  return process.env.E2E_DATABASE_URL ?? `postgresql://most:most-local-only@127.0.0.1:${PROFILES.e2e.port}/most_e2e`;
}

/** One query on the browser-test database, as its owner (fixtures and checks of what was stored). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function loginAs(page: Page, email: string, opts: { secondFactorMinutesAgo?: number } = {}) {
  const secret = (JSON.parse(readFileSync(".data/secrets-e2e.json", "utf8")) as { AUTH_SECRET: string }).AUTH_SECRET;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const user = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE "emailIndex" = $1`, [emailIndexOf(email)]);
    const userId = user.rows[0]?.id;
    if (!userId) throw new Error(`no demo user ${email}`);
    const sid = randomBytes(32).toString("base64url");
    await client.query(
      `INSERT INTO "Session" (id, "userId", "createdAt", "lastSeenAt", "expiresAt", "mfaVerifiedAt", "userAgent")
       VALUES ($1, $2, now(), now(), now() + interval '12 hours', now() - make_interval(mins => $3), 'playwright fixture')`,
      [sid, userId, opts.secondFactorMinutesAgo ?? 0],
    );
    const value = await encode({ token: { sid, sub: userId }, secret, salt: COOKIE, maxAge: 7 * 24 * 3600 });
    await page.context().addCookies([{ name: COOKIE, value, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  } finally {
    await client.end();
  }
}

/** Resets a demo account's language, which other journeys may have switched. */
export async function setUserLocale(email: string, locale: Locale) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(`UPDATE "User" SET locale = $2 WHERE "emailIndex" = $1`, [emailIndexOf(email), locale]);
  } finally {
    await client.end();
  }
}
