// Online backup of the embedded PostgreSQL (the demo's and a small installation's default):
//   npm run backup                      → most-backup-<time>.tar.gz in the current folder
//   npm run backup -- path/file.tar.gz
// Works while the portal runs. Restore with `npm run restore -- file`. With DATABASE_URL (an
// external server) use that server's tools instead: pg_dump -Fc of the server's major version.
import { PROFILES, startCluster } from "./lib/database";
import { BackupError, backupCluster } from "./lib/physical-backup";

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const out = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? `most-backup-${stamp}.tar.gz`;
let code = 0;
if (process.env.DATABASE_URL) {
  console.error("✗ DATABASE_URL is set: back up that server with its own pg_dump (of the server's major version), see docs/operations.md.");
  process.exit(1);
}
const cluster = await startCluster(PROFILES.dev);
try {
  const m = await backupCluster(cluster.dataDir!, cluster.urlFor("postgres"), out);
  console.log(`✓ backup of PostgreSQL ${m.postgres} (${m.databases.join(", ")}) written to ${out}`);
  console.log("  Keep it with STORAGE_DIR (KEY_SHARE_DIR apart, see docs/operations.md); restore with `npm run restore -- " + out + "`.");
} catch (e) {
  console.error(`✗ backup failed: ${e instanceof BackupError ? e.message : String(e)}`);
  code = 1;
} finally {
  await cluster.stop();
}
process.exit(code);
