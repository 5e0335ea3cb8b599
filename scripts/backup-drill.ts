// Backup and restore drill: `pg_dump -Fc` a database, restore it into a fresh one, and
// prove the copy is whole: every table's row count, every grant's ledger balance, the
// audit chain, the encrypted identities (opened with the master key and the key shares,
// which live outside the database), and the database guards (append-only ledger).
//
//   npm run backup:drill                      a throwaway server with migrations + demo data
//   DATABASE_URL=… npm run backup:drill       drill a real database (needs CREATEDB; the
//                                             restored copy is dropped afterwards)
//   … -- --prove-detection                    damages the copy on purpose and passes only
//                                             if the checks catch it (run in CI)
//
// pg_dump must be of the server's major version or newer. Without DATABASE_URL the drill
// starts its own server from the PostgreSQL binaries that come with the pg_dump it finds
// (Debian: /usr/lib/postgresql/<major>/bin), so the pair always matches.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDeploy, npx } from "./lib/prisma-cli";
import { localSecrets } from "./lib/secrets";

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const secrets = localSecrets(".data/secrets-drill.json");
const env = { ...secrets, STORAGE_DIR: process.env.STORAGE_DIR ?? ".data/storage-drill" };

function pgBin(name: string): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) if (existsSync(path.join(debian, m, "bin", name))) return path.join(debian, m, "bin", name);
  }
  return name; // from PATH
}

class DrillFailure extends Error {}
function fail(message: string): never {
  throw new DrillFailure(message);
}

/** A throwaway server from the same installation as pg_dump; as root it runs as "postgres". */
async function throwawayServer(): Promise<{ url: (db: string) => string; stop: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "most-drill-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) } : {};
  if (asRoot) chownSync(dir, ids.uid!, ids.gid!);
  const port = 54337;
  const run = (bin: string, args: string[]) => {
    const r = spawnSync(pgBin(bin), args, { ...ids, stdio: "pipe", cwd: dir });
    if (r.status !== 0) fail(`${bin} failed: ${r.stderr?.toString() || r.error?.message}`);
  };
  run("initdb", ["-D", data, "-U", "most", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  run("pg_ctl", ["-D", data, "-w", "-l", path.join(dir, "log"), "-o", `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, "start"]);
  return {
    url: (db) => `postgresql://most@127.0.0.1:${port}/${db}`,
    stop: () => {
      spawnSync(pgBin("pg_ctl"), ["-D", data, "-m", "fast", "stop"], { ...ids, stdio: "ignore", cwd: dir });
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

async function counts(url: string) {
  const tables = await query<{ s: string; t: string }>(
    url,
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out: Record<string, number> = {};
  for (const { s, t } of tables) {
    const [row] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`);
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

function check(url: string) {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/lib/drill-check.ts"], { env: { ...process.env, ...env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) fail(`checking ${new URL(url).pathname} failed`);
  return JSON.parse(r.stdout.toString().trim().split("\n").at(-1)!) as { chainOk: boolean; events: number; headHash: string | null; identities: number; opened: number; failures: string[] };
}

const started = Date.now();
let server: Awaited<ReturnType<typeof throwawayServer>> | null = null;
let sourceUrl: string;
try {
  server = process.env.DATABASE_URL ? null : await throwawayServer();
  if (server) {
    await query(server.url("postgres"), "CREATE DATABASE most_drill");
    sourceUrl = server.url("most_drill");
    console.log("Drill database: migrations and demo data…");
    migrateDeploy(sourceUrl);
    rmSync(env.STORAGE_DIR, { recursive: true, force: true });
    npx(["tsx", "--conditions=react-server", "prisma/seed.ts"], { ...env, DATABASE_URL: sourceUrl }, true);
  } else {
    sourceUrl = process.env.DATABASE_URL!;
  }
  const restoredName = `${new URL(sourceUrl).pathname.slice(1)}_restore_${stamp}`;
  const restoredUrl = withDatabase(sourceUrl, restoredName);
  const dumpFile = path.join(mkdtempSync(path.join(tmpdir(), "most-dump-")), "most.dump");

  const dump = spawnSync(pgBin("pg_dump"), ["-Fc", "-f", dumpFile, "-d", sourceUrl], { stdio: ["ignore", "inherit", "pipe"] });
  if (dump.status !== 0) fail(`pg_dump failed: ${dump.stderr?.toString()}`);
  await query(withDatabase(sourceUrl, "postgres"), `CREATE DATABASE "${restoredName}"`);
  try {
    const restore = spawnSync(pgBin("pg_restore"), ["--no-owner", "--exit-on-error", "-d", restoredUrl, dumpFile], { stdio: ["ignore", "inherit", "pipe"] });
    if (restore.status !== 0) fail(`pg_restore failed: ${restore.stderr?.toString()}`);

    if (process.argv.includes("--prove-detection")) {
      // Damage the copy the way a bad backup would: a lost audit event and a lost payment row.
      await query(restoredUrl, `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; DELETE FROM "AuditEvent" WHERE id = (SELECT max(id) - 1 FROM "AuditEvent"); ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
      await query(restoredUrl, `ALTER TABLE "LedgerEntry" DISABLE TRIGGER USER; DELETE FROM "LedgerEntry" WHERE id = (SELECT max(id) FROM "LedgerEntry"); ALTER TABLE "LedgerEntry" ENABLE TRIGGER USER`);
    }
    const problems: string[] = [];
    const [before, after] = [await counts(sourceUrl), await counts(restoredUrl)];
    for (const t of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (before[t] !== after[t]) problems.push(`${t}: ${before[t]} rows, restored ${after[t]}`);
    }
    const [b1, b2] = [await balances(sourceUrl), await balances(restoredUrl)];
    if (JSON.stringify(b1) !== JSON.stringify(b2)) problems.push("ledger balances differ");
    const [c1, c2] = [check(sourceUrl), check(restoredUrl)];
    if (!c2.chainOk) problems.push("audit chain broken in the copy");
    if (c1.headHash !== c2.headHash || c1.events !== c2.events) problems.push("audit chain head differs");
    if (c2.failures.length || c2.opened !== c1.opened) problems.push(`identities: ${c2.opened} of ${c1.opened} open (${c2.failures.join(", ")})`);
    // The database's own guards came back with the data.
    const guard = await query(restoredUrl, `UPDATE "LedgerEntry" SET note = note WHERE id = (SELECT min(id) FROM "LedgerEntry")`).then(
      () => "accepted",
      (e: Error) => e.message,
    );
    if (!/append-only/.test(guard) && b1.length > 0) problems.push(`ledger UPDATE was ${guard}`);

    const tables = Object.keys(after).length;
    const rows = Object.values(after).reduce((a, n) => a + n, 0);
    console.log(`Dump ${path.basename(dumpFile)} → ${restoredName}: ${tables} tables, ${rows} rows, ${b2.length} ledger balances, ${c2.events} audit events (chain ${c2.chainOk ? "intact" : "BROKEN"}), ${c2.opened}/${c1.opened} identities open, ledger guard: ${/append-only/.test(guard) ? "on" : guard}.`);
    if (process.argv.includes("--prove-detection")) {
      if (problems.length < 3) fail(`a damaged copy was not caught (found only: ${problems.join("; ") || "nothing"})`);
      console.log(`✓ a damaged copy is caught: ${problems.join("; ")}`);
    } else {
      if (problems.length) fail(problems.join("; "));
      console.log(`✓ backup drill passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await query(withDatabase(sourceUrl, "postgres"), `DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`).catch(() => undefined);
    rmSync(path.dirname(dumpFile), { recursive: true, force: true });
  }
} catch (e) {
  console.error(`✗ backup drill: ${e instanceof DrillFailure ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  server?.stop();
}
