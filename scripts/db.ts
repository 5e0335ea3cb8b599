// Runs a Prisma CLI command against the development database, starting the embedded
// PostgreSQL first when DATABASE_URL is not set. Usage: npm run db -- migrate dev --name x
import { spawnSync } from "node:child_process";
import { PROFILES, createDatabase, startCluster } from "./lib/database";

const args = process.argv.slice(2);
const cluster = await startCluster(PROFILES.dev);
const database = process.env.MOST_DB_NAME ?? "most";
if (cluster.embedded) await createDatabase(cluster, database);
const url = process.env.DATABASE_URL ?? cluster.urlFor(database);
const result = spawnSync("npx", ["prisma", ...args], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url },
});
await cluster.stop();
process.exit(result.status ?? 1);
