// Restores a backup made by `npm run backup` as the embedded cluster's data directory:
//   npm run restore -- most-backup-….tar.gz                     into .data/pg (must not exist)
//   npm run restore -- most-backup-….tar.gz --data-dir other/pg
// Stop the portal and move the current .data/pg aside first. The server replays the backup's
// WAL once here, so the portal starts on a consistent copy.
import { PROFILES, startCluster } from "./lib/database";
import { BackupError, restoreCluster } from "./lib/physical-backup";

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--data-dir");
const flag = args.indexOf("--data-dir");
const dataDir = flag >= 0 ? args[flag + 1]! : PROFILES.dev.dataDir;
let code = 0;
try {
  if (!file) throw new BackupError("Name the backup file: npm run restore -- most-backup-….tar.gz");
  if (process.env.DATABASE_URL) throw new BackupError("DATABASE_URL is set: restore an external server with its own pg_restore, see docs/operations.md.");
  const m = restoreCluster(file, dataDir);
  const cluster = await startCluster({ dataDir, port: PROFILES.dev.port });
  await cluster.stop();
  console.log(`✓ restored the backup of ${m.createdAt} (PostgreSQL ${m.postgres}: ${m.databases.join(", ")}) into ${dataDir}`);
} catch (e) {
  console.error(`✗ restore failed: ${e instanceof BackupError ? e.message : String(e)}`);
  code = 1;
}
process.exit(code);
