// Least privilege in the database (issue 12). The owner (the embedded cluster's superuser, or
// MIGRATION_DATABASE_URL's role on an external server) runs the migrations, installs the job
// queue's schema and grants; the portal, the worker and the seed connect as the app role,
// which owns nothing and may only append to the ledger and the audit trail.
import pg from "pg";
import PgBoss from "pg-boss";
import { JOB_SCHEMA, QUEUES } from "../../lib/jobs/queues";
import { migrateDeploy } from "./prisma-cli";

/** The embedded default's app role; on an external server, DATABASE_URL's user. */
export const APP_ROLE = "most_app";
/** Like the owner's, a local-only password: the embedded cluster listens on 127.0.0.1 only. */
export const LOCAL_APP_PASSWORD = "most-app-local-only";

/** Facts: rows are only ever added. */
export const APPEND_ONLY_TABLES = ["LedgerEntry", "AuditEvent", "AuditCheckpoint", "SanctionsScreening", "SanctionsListVersion", "BankStatement"] as const;
/** Moved forward, never removed: payee accounts are retired, their verifications and changes decided. */
const NO_DELETE_TABLES = ["AuditHead", "ApiToken", "SanctionsMatch", "PayeeAccount", "PayeeVerification", "GrantPayeeChange", "FunderBankAccount", "PaymentBatch", "PaymentBatchItem", "BankStatementLine"] as const;
const OWNER_ONLY_TABLES = ["_prisma_migrations"] as const;

const PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"] as const;
type Privilege = (typeof PRIVILEGES)[number];

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** What the app role must hold on a table, exactly. */
export function expectedPrivileges(schema: string, table: string): Privilege[] {
  if (schema === "public" && (OWNER_ONLY_TABLES as readonly string[]).includes(table)) return [];
  if (schema === "public" && (APPEND_ONLY_TABLES as readonly string[]).includes(table)) return ["SELECT", "INSERT"];
  if (schema === "public" && (NO_DELETE_TABLES as readonly string[]).includes(table)) return ["SELECT", "INSERT", "UPDATE"];
  return ["SELECT", "INSERT", "UPDATE", "DELETE"];
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

/** Embedded default: creates (or resets) the app role with only LOGIN. */
export async function ensureAppRole(ownerUrl: string, role = APP_ROLE, password = LOCAL_APP_PASSWORD) {
  const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD ${literal(password)}`;
  await withClient(ownerUrl, async (c) => {
    const exists = (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
    if (!exists) {
      await c.query(`CREATE ROLE ${ident(role)} ${attrs}`).catch((e: { code?: string }) => {
        if (e.code !== "42710") throw e; // created meanwhile by a parallel setup
      });
    }
    await c.query(`ALTER ROLE ${ident(role)} ${attrs}`);
  });
}

/** pg-boss creates tables per queue: done here, as the owner, before the worker starts. */
async function installJobQueue(ownerUrl: string) {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, supervise: false, schedule: false, max: 2 });
  await boss.start();
  try {
    for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * No temporary tables for the portal's login: one named like a table of ours would be found
 * before it by unqualified names (the guard functions also fix their search path). A database
 * cloned from a template gets the default rights again, so file-db.ts calls this too.
 */
export async function revokeTemporary(c: pg.Client) {
  const { rows } = await c.query<{ d: string }>("SELECT current_database() AS d");
  await c.query(`REVOKE TEMPORARY ON DATABASE ${ident(rows[0]!.d)} FROM PUBLIC`);
}

export async function revokeTemporaryOn(ownerUrl: string) {
  await withClient(ownerUrl, revokeTemporary);
}

/** Idempotent: run after every migration. */
export async function applyGrants(ownerUrl: string, role: string) {
  const r = ident(role);
  await withClient(ownerUrl, async (c) => {
    const { rows } = await c.query<{ s: string; t: string }>(
      `SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', $1) AND c.relkind IN ('r', 'p') ORDER BY 1, 2`,
      [JOB_SCHEMA],
    );
    // PostgreSQL 15+ has this already; older servers let every role create tables in public.
    // Needs the schema's owner: an owner login that is not, leaves it to the operator.
    await c.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`).catch(() => undefined);
    await revokeTemporary(c);
    await c.query("BEGIN");
    for (const schema of ["public", JOB_SCHEMA]) {
      await c.query(`GRANT USAGE ON SCHEMA ${ident(schema)} TO ${r}`);
      await c.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${ident(schema)} FROM ${r}`);
      await c.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${ident(schema)} FROM ${r}`);
      await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${r}`);
    }
    for (const { s, t } of rows) {
      const privileges = expectedPrivileges(s, t);
      if (privileges.length) await c.query(`GRANT ${privileges.join(", ")} ON ${ident(s)}.${ident(t)} TO ${r}`);
    }
    await c.query("COMMIT");
  });
}

/**
 * Migrations, the job queue's schema and the grants, as the owner. With one login for both
 * (an external server configured without MIGRATION_DATABASE_URL) there is nothing to grant:
 * says so, since the database's own guards then protect nothing from the portal's login.
 */
export async function prepareDatabase(ownerUrl: string, appUrl: string, opts: { embedded: boolean; quiet?: boolean }) {
  if (opts.embedded) await ensureAppRole(ownerUrl, roleOf(appUrl));
  migrateDeploy(ownerUrl);
  await installJobQueue(ownerUrl);
  if (roleOf(ownerUrl) === roleOf(appUrl)) {
    if (!opts.quiet) console.warn(`! DATABASE_URL's role "${roleOf(appUrl)}" also owns the schema: set MIGRATION_DATABASE_URL to an owner login and DATABASE_URL to a role that owns nothing (docs/operations.md).`);
    return { leastPrivilege: false };
  }
  await applyGrants(ownerUrl, roleOf(appUrl));
  return { leastPrivilege: true };
}

/** Everything in which the app role differs from least privilege (empty when it holds). */
export async function grantProblems(ownerUrl: string, role: string): Promise<string[]> {
  return withClient(ownerUrl, async (c) => {
    const problems: string[] = [];
    const attrs = await c.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; rolreplication: boolean; oid: number }>(
      "SELECT oid, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = $1",
      [role],
    );
    const a = attrs.rows[0];
    if (!a) return [`role ${role} does not exist`];
    for (const k of ["rolsuper", "rolcreaterole", "rolcreatedb", "rolbypassrls", "rolreplication"] as const) if (a[k]) problems.push(`${role} has ${k.slice(3).toUpperCase()}`);
    const member = await c.query<{ r: string }>("SELECT g.rolname AS r FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = $1", [a.oid]);
    for (const m of member.rows) problems.push(`${role} is a member of ${m.r}`);
    const owned = await c.query<{ what: string }>(
      `SELECT 'table ' || relname AS what FROM pg_class WHERE relowner = $1
       UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspowner = $1
       UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE proowner = $1
       UNION ALL SELECT 'database ' || datname FROM pg_database WHERE datdba = $1`,
      [a.oid],
    );
    for (const o of owned.rows) problems.push(`${role} owns ${o.what}`);
    const create = await c.query<{ s: string }>(
      "SELECT nspname AS s FROM pg_namespace WHERE nspname IN ('public', $2) AND has_schema_privilege($1, oid, 'CREATE')",
      [role, JOB_SCHEMA],
    );
    for (const r of create.rows) problems.push(`${role} may CREATE in schema ${r.s}`);
    const database = await c.query<{ temp: boolean; create: boolean }>(
      "SELECT has_database_privilege($1, current_database(), 'TEMP') AS temp, has_database_privilege($1, current_database(), 'CREATE') AS create",
      [role],
    );
    if (database.rows[0]!.temp) problems.push(`${role} may create TEMP tables`);
    if (database.rows[0]!.create) problems.push(`${role} may CREATE schemas in the database`);
    const loose = await c.query<{ f: string }>(
      `SELECT p.proname AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname LIKE 'most\\_%'
         AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\\_path=%')`,
    );
    for (const r of loose.rows) problems.push(`function ${r.f} has no fixed search_path`);
    const sequences = await c.query<{ s: string }>(
      `SELECT c.relname AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', $2) AND c.relkind = 'S' AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege($1, c.oid, 'UPDATE') ELSE false END`,
      [role, JOB_SCHEMA],
    );
    for (const r of sequences.rows) problems.push(`${role} may set the sequence ${r.s}`);
    const tables = await c.query<{ s: string; t: string }>(
      `SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', $1) AND c.relkind IN ('r', 'p') ORDER BY 1, 2`,
      [JOB_SCHEMA],
    );
    for (const { s, t } of tables.rows) {
      const expected = new Set<string>(expectedPrivileges(s, t));
      const held = await c.query<Record<Privilege, boolean>>(
        `SELECT ${PRIVILEGES.map((p) => `has_table_privilege($1, $2, '${p}') AS "${p}"`).join(", ")}`,
        [role, `${ident(s)}.${ident(t)}`],
      );
      // A column-level grant (GRANT UPDATE (amount) ON …) does not show in has_table_privilege.
      const columns = await c.query<Record<"SELECT" | "INSERT" | "UPDATE" | "REFERENCES", boolean>>(
        `SELECT ${(["SELECT", "INSERT", "UPDATE", "REFERENCES"] as const).map((p) => `has_any_column_privilege($1, $2, '${p}') AS "${p}"`).join(", ")}`,
        [role, `${ident(s)}.${ident(t)}`],
      );
      for (const p of ["SELECT", "INSERT", "UPDATE", "REFERENCES"] as const) {
        if (columns.rows[0]![p] && !held.rows[0]![p] && !expected.has(p)) problems.push(`${role} may ${p} columns of ${s}.${t}`);
      }
      for (const p of PRIVILEGES) {
        const has = held.rows[0]![p];
        if (has && !expected.has(p)) problems.push(`${role} may ${p} on ${s}.${t}`);
        if (!has && expected.has(p)) problems.push(`${role} lacks ${p} on ${s}.${t}`);
      }
    }
    return problems;
  });
}
