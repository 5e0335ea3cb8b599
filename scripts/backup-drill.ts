// Backup and restore drill: back up a database, restore it, and prove the copy is whole:
// every table's row count, every grant's ledger balance, the audit chain, the encrypted
// identities (opened with the master key and the key shares, which live outside the
// database), and the database guards (append-only ledger).
//
//   npm run backup:drill                      a throwaway embedded cluster (the portal's own
//                                             PostgreSQL binaries) with migrations + demo data,
//                                             backed up and restored with `npm run backup`'s code
//   npm run backup:drill -- --dev             the demo's own database (.data/pg, may be running)
//   DATABASE_URL=… npm run backup:drill       an external server: pg_dump -Fc → pg_restore into
//                                             a fresh database (needs CREATEDB and a pg_dump of
//                                             the server's major; the copy is dropped afterwards)
//   … -- --prove-detection                    then damages copies of the restore one aspect at a
//                                             time and passes only if that aspect's own check
//                                             catches it (run in CI)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type Cluster, startCluster } from "./lib/database";
import { backupCluster, restoreCluster, tempBackupFile } from "./lib/physical-backup";
import { npx } from "./lib/prisma-cli";
import { APP_ROLE, grantProblems, prepareDatabase, revokeTemporaryOn, roleOf } from "./lib/grants";
import { localSecrets } from "./lib/secrets";

const dev = process.argv.includes("--dev");
const prove = process.argv.includes("--prove-detection");
const external = process.env.DATABASE_URL;
const port = Number(process.env.MOST_DRILL_PG_PORT ?? 54337);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const secrets = localSecrets(dev ? ".data/secrets.json" : ".data/secrets-drill.json");
const env = {
  ...secrets,
  STORAGE_DIR: process.env.STORAGE_DIR ?? (dev ? ".data/storage" : ".data/storage-drill"),
  KEY_SHARE_DIR: process.env.KEY_SHARE_DIR ?? (dev ? ".data/keyshares" : ".data/keyshares-drill"),
};

class DrillFailure extends Error {}
function fail(message: string): never {
  throw new DrillFailure(message);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function counts(url: string) {
  const tables = await query<{ s: string; t: string }>(
    url,
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out: Record<string, number> = {};
  for (const { s, t } of tables) {
    const [row] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM ${ident(s)}.${ident(t)}`);
    out[`${s}.${t}`] = Number(row!.n);
  }
  return out;
}

const balances = (url: string) =>
  query<{ grant: string; kind: string; amount: string; eur: string; n: string }>(
    url,
    `SELECT "grantId"::text AS grant, kind::text, sum(amount)::text AS amount, sum("eurAmount")::text AS eur, count(*)::text AS n
     FROM "LedgerEntry" GROUP BY 1, 2 ORDER BY 1, 2`,
  );

function appCheck(url: string) {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/lib/drill-check.ts"], { env: { ...process.env, ...env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) fail(`checking ${new URL(url).pathname} failed`);
  return JSON.parse(r.stdout.toString().trim().split("\n").at(-1)!) as { chainOk: boolean; events: number; headHash: string | null; identities: number; opened: number; failures: string[] };
}

// The portal's login: the embedded default's role, or DATABASE_URL's user on an external server.
const appRole = external ? roleOf(external) : APP_ROLE;

async function inspect(url: string) {
  const guard = await query(url, `UPDATE "LedgerEntry" SET note = note WHERE id = (SELECT min(id) FROM "LedgerEntry")`).then(
    () => "accepted",
    (e: Error) => e.message,
  );
  const grants = await grantProblems(url, appRole);
  return { counts: await counts(url), balances: await balances(url), app: appCheck(url), guard, grants, ledgerRows: (await balances(url)).length };
}
type Inspection = Awaited<ReturnType<typeof inspect>>;

/** Each aspect's own check: name → problem, or nothing when the copy matches the source. */
function compare(source: Inspection, copy: Inspection): Map<string, string> {
  const problems = new Map<string, string>();
  const rows: string[] = [];
  for (const t of new Set([...Object.keys(source.counts), ...Object.keys(copy.counts)])) {
    if (source.counts[t] !== copy.counts[t]) rows.push(`${t}: ${source.counts[t]} rows, restored ${copy.counts[t]}`);
  }
  if (rows.length) problems.set("row counts", rows.join(", "));
  if (JSON.stringify(source.balances) !== JSON.stringify(copy.balances)) problems.set("ledger balances", "ledger balances differ");
  if (!copy.app.chainOk) problems.set("audit chain", "audit chain broken in the copy");
  else if (source.app.headHash !== copy.app.headHash || source.app.events !== copy.app.events) problems.set("audit chain", `audit chain head differs (source: ${source.app.events} events, ${source.app.chainOk ? source.app.headHash?.slice(0, 12) : "broken"}; copy: ${copy.app.events} events, ${copy.app.headHash?.slice(0, 12)})`);
  if (copy.app.failures.length || copy.app.opened !== source.app.opened) problems.set("identities", `identities: ${copy.app.opened} of ${source.app.opened} open (${copy.app.failures.join(", ")})`);
  if (!/append-only/.test(copy.guard) && source.ledgerRows > 0) problems.set("ledger guard", `ledger UPDATE was ${copy.guard}`);
  // After a restore the portal's login must again own nothing and only append to the ledger and the trail.
  if (copy.grants.length) problems.set("grants", `grants of ${appRole}: ${copy.grants.join("; ")}`);
  return problems;
}

/** One kind of damage per check; each runs on its own copy of the restored database. */
const DAMAGES: { check: string; what: string; sql: (url: string) => Promise<string> }[] = [
  {
    check: "row counts",
    what: "a row lost from a table nothing else checks",
    sql: async (url) => {
      // A table no foreign key points at, with rows, outside the ledger and the audit trail.
      const candidates = await query<{ t: string }>(
        url,
        `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'
           AND c.relname NOT IN ('LedgerEntry', 'AuditEvent', 'AuditHead', 'Organisation', 'OrganisationKey')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.oid)
         ORDER BY c.relname`,
      );
      let t: { t: string } | undefined;
      for (const c of candidates) {
        if ((await query(url, `SELECT 1 FROM ${ident(c.t)} LIMIT 1`)).length) {
          t = c;
          break;
        }
      }
      if (!t) fail("no table to damage for the row-count check");
      return `ALTER TABLE ${ident(t.t)} DISABLE TRIGGER USER; DELETE FROM ${ident(t.t)} WHERE ctid IN (SELECT ctid FROM ${ident(t.t)} LIMIT 1); ALTER TABLE ${ident(t.t)} ENABLE TRIGGER USER`;
    },
  },
  {
    check: "ledger balances",
    what: "one ledger amount changed (row counts unchanged)",
    sql: async () => `ALTER TABLE "LedgerEntry" DISABLE TRIGGER USER; UPDATE "LedgerEntry" SET amount = amount + 1 WHERE id = (SELECT min(id) FROM "LedgerEntry"); ALTER TABLE "LedgerEntry" ENABLE TRIGGER USER`,
  },
  {
    check: "audit chain",
    what: "one field of an audit event in the middle of the chain changed (row counts and head unchanged)",
    sql: async () => `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; UPDATE "AuditEvent" SET "requestId" = 'forged' WHERE id = (SELECT min(id) + 1 FROM "AuditEvent"); ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`,
  },
  {
    check: "identities",
    what: "one byte of a sealed identity changed",
    sql: async () => `ALTER TABLE "Organisation" DISABLE TRIGGER USER; UPDATE "Organisation" SET identity = set_byte(identity, length(identity) - 1, get_byte(identity, length(identity) - 1) # 255) WHERE id IN (SELECT o.id FROM "Organisation" o LEFT JOIN "OrganisationKey" k ON k."organisationId" = o.id WHERE o.identity IS NOT NULL AND k."destroyedAt" IS NULL ORDER BY o.codename LIMIT 1); ALTER TABLE "Organisation" ENABLE TRIGGER USER`,
  },
  {
    check: "grants",
    what: "the portal's login given UPDATE on the ledger",
    sql: async () => `GRANT UPDATE ON "LedgerEntry" TO ${ident(appRole)}`,
  },
  {
    check: "ledger guard",
    what: "the append-only trigger of the ledger left disabled",
    sql: async () => `ALTER TABLE "LedgerEntry" DISABLE TRIGGER USER`,
  },
];

async function proveDetection(restoredUrl: string, source: Inspection) {
  const name = new URL(restoredUrl).pathname.slice(1);
  for (const [i, damage] of DAMAGES.entries()) {
    const copy = `${name}_damage${i}`;
    const copyUrl = withDatabase(restoredUrl, copy);
    await query(withDatabase(restoredUrl, "postgres"), `CREATE DATABASE ${ident(copy)} TEMPLATE ${ident(name)}`);
    // A copy does not inherit the database's own rights: as after any restore, set them again.
    await revokeTemporaryOn(copyUrl);
    try {
      await query(copyUrl, await damage.sql(copyUrl));
      const problems = compare(source, await inspect(copyUrl));
      const caught = problems.get(damage.check);
      if (!caught) fail(`${damage.what}: not caught by the ${damage.check} check (found only: ${[...problems.values()].join("; ") || "nothing"})`);
      console.log(`✓ ${damage.check}: ${damage.what} → ${caught}`);
    } finally {
      await query(withDatabase(restoredUrl, "postgres"), `DROP DATABASE IF EXISTS ${ident(copy)} WITH (FORCE)`);
    }
  }
}

function pgBin(name: string): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) if (existsSync(path.join(debian, m, "bin", name))) return path.join(debian, m, "bin", name);
  }
  return name; // from PATH
}

/** External server: pg_dump -Fc and pg_restore into a fresh database on the same server. */
async function dumpAndRestore(sourceUrl: string): Promise<{ restoredUrl: string; cleanup: () => Promise<void> }> {
  const [{ v }] = (await query<{ v: string }>(sourceUrl, "SELECT current_setting('server_version_num') AS v")) as [{ v: string }];
  const serverMajor = Math.floor(Number(v) / 10000);
  const clientMajor = Number(/(\d+)/.exec(execFileSync(pgBin("pg_dump"), ["--version"]).toString())?.[1]);
  if (clientMajor < serverMajor) fail(`pg_dump ${clientMajor} cannot dump a PostgreSQL ${serverMajor} server: install the client tools of ${serverMajor} (or set PG_BIN to their folder)`);
  const restoredName = `${new URL(sourceUrl).pathname.slice(1)}_restore_${stamp}`;
  const restoredUrl = withDatabase(sourceUrl, restoredName);
  const dumpFile = tempBackupFile().replace(/\.tar\.gz$/, ".dump");
  const dump = spawnSync(pgBin("pg_dump"), ["-Fc", "-f", dumpFile, "-d", sourceUrl], { stdio: ["ignore", "inherit", "pipe"] });
  if (dump.status !== 0) fail(`pg_dump failed: ${dump.stderr?.toString()}`);
  await query(withDatabase(sourceUrl, "postgres"), `CREATE DATABASE ${ident(restoredName)}`);
  const cleanup = async () => {
    await query(withDatabase(sourceUrl, "postgres"), `DROP DATABASE IF EXISTS ${ident(restoredName)} WITH (FORCE)`).catch(() => undefined);
    rmSync(path.dirname(dumpFile), { recursive: true, force: true });
  };
  const restore = spawnSync(pgBin("pg_restore"), ["--no-owner", "--exit-on-error", "-d", restoredUrl, dumpFile], { stdio: ["ignore", "inherit", "pipe"] });
  if (restore.status !== 0) {
    await cleanup();
    fail(`pg_restore failed: ${restore.stderr?.toString()}`);
  }
  // pg_restore into a new database leaves that database's own rights at their defaults; the
  // operator's restore procedure runs npm run db:prepare, which sets them again.
  await revokeTemporaryOn(restoredUrl);
  return { restoredUrl, cleanup };
}

const started = Date.now();
const clusters: Cluster[] = [];
const cleanups: (() => Promise<void>)[] = [];
let code = 0;
try {
  let source: Inspection;
  let restoredUrl: string;
  let how: string;
  if (external) {
    // The owner's login reads everything, and restores: MIGRATION_DATABASE_URL when set.
    const owner = process.env.MIGRATION_DATABASE_URL ?? external;
    source = await inspect(owner);
    ({ restoredUrl } = await dumpAndRestore(owner).then((r) => (cleanups.push(r.cleanup), r)));
    how = "pg_dump -Fc → pg_restore";
  } else {
    const sourceDir = dev ? ".data/pg" : ".data/pg-drill";
    if (!dev) rmSync(sourceDir, { recursive: true, force: true });
    const sourceCluster = await startCluster({ dataDir: sourceDir, port: dev ? Number(process.env.MOST_PG_PORT ?? 54329) : port });
    clusters.push(sourceCluster);
    const database = dev ? "most" : "most_drill";
    const sourceUrl = sourceCluster.urlFor(database);
    if (!dev) {
      await query(sourceCluster.urlFor("postgres"), `CREATE DATABASE ${database}`);
      console.log("Drill database: migrations and demo data…");
      await prepareDatabase(sourceUrl, sourceCluster.appUrlFor(database), { embedded: true, quiet: true });
      rmSync(env.STORAGE_DIR, { recursive: true, force: true });
      rmSync(env.KEY_SHARE_DIR, { recursive: true, force: true });
      // The seed writes as the portal does, through its own login.
      npx(["tsx", "--conditions=react-server", "prisma/seed.ts"], { ...env, DATABASE_URL: sourceCluster.appUrlFor(database) }, true);
    }
    const file = tempBackupFile();
    cleanups.push(async () => rmSync(path.dirname(file), { recursive: true, force: true }));
    const manifest = await backupCluster(sourceCluster.dataDir!, sourceCluster.urlFor("postgres"), file);
    source = await inspect(sourceUrl);
    // The throwaway source is done: the restored copy takes its port (one port per drill).
    if (!dev) await clusters.pop()!.stop();
    const restoredDir = ".data/pg-drill-restore";
    rmSync(restoredDir, { recursive: true, force: true });
    restoreCluster(file, restoredDir);
    const restored = await startCluster({ dataDir: restoredDir, port });
    clusters.push(restored);
    cleanups.push(async () => rmSync(restoredDir, { recursive: true, force: true }));
    restoredUrl = restored.urlFor(database);
    how = `npm run backup → npm run restore, embedded PostgreSQL ${manifest.postgres} (the portal's own binaries)`;
  }
  const copy = await inspect(restoredUrl);
  const problems = compare(source, copy);
  const tables = Object.keys(copy.counts).length;
  const rows = Object.values(copy.counts).reduce((a, n) => a + n, 0);
  console.log(`${how}: ${tables} tables, ${rows} rows, ${copy.balances.length} ledger balances, ${copy.app.events} audit events (chain ${copy.app.chainOk ? "intact" : "BROKEN"}), ${copy.app.opened}/${source.app.opened} identities open, ledger guard: ${/append-only/.test(copy.guard) ? "on" : copy.guard}.`);
  if (problems.size) fail([...problems.values()].join("; "));
  if (source.ledgerRows === 0 || source.app.events < 2 || source.app.opened === 0) fail("the drilled database has no ledger rows, audit events or identities to check");
  if (prove) await proveDetection(restoredUrl, source);
  console.log(`✓ backup drill passed in ${((Date.now() - started) / 1000).toFixed(1)} s${prove ? " (each kind of damage caught by its own check)" : ""}`);
} catch (e) {
  console.error(`✗ backup drill: ${e instanceof DrillFailure ? e.message : String(e)}`);
  code = 1;
} finally {
  for (const c of clusters.reverse()) await c.stop().catch(() => undefined);
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
}
process.exit(code);
