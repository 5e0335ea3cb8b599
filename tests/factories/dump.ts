// What a thief with a plain dump of the database reads: every row of every table.
import { expect } from "vitest";
import { db } from "../../lib/db";

/** Every row of every table PostgreSQL holds (all schemas but the system's), as text. */
export async function everythingStored(): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ s: string; t: string }[]>(
    `SELECT table_schema::text AS s, table_name::text AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  expect(tables.map((t) => t.t)).toEqual(expect.arrayContaining(["Organisation", "OrganisationKey", "AuditEvent", "Membership"]));
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const rows = await db.$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(x)::text AS r FROM "${s}"."${t}" x`);
    parts.push(...rows.map((r) => r.r));
  }
  return parts.join("\n");
}

/** Fails when `secret` appears in the dump, as text, lower-case or as the hex of stored bytes. */
export function expectAbsent(dump: string, secret: string) {
  const lower = dump.toLowerCase();
  expect(lower, secret).not.toContain(secret.toLowerCase());
  expect(lower, secret).not.toContain(Buffer.from(secret).toString("hex"));
  expect(lower, secret).not.toContain(Buffer.from(secret.toLowerCase()).toString("hex"));
}
