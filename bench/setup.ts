// Shared by the benchmarks: a fresh database on its own embedded cluster (or DATABASE_URL),
// migrated, with the environment lib/ needs.
import { PROFILES, createDatabase, dropDatabase, startCluster } from "../scripts/lib/database";
import { prepareDatabase } from "../scripts/lib/grants";

export async function benchDatabase(name: string) {
  const cluster = await startCluster(PROFILES.bench);
  await dropDatabase(cluster, name);
  await createDatabase(cluster, name);
  const url = cluster.appUrlFor(name);
  const ownerUrl = cluster.urlFor(name);
  await prepareDatabase(ownerUrl, url, { embedded: cluster.embedded, quiet: true });
  Object.assign(process.env, {
    // The portal's own login; a benchmark that must bypass a guard uses OWNER_DATABASE_URL, by name.
    DATABASE_URL: url,
    OWNER_DATABASE_URL: ownerUrl,
    AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    MOST_MASTER_KEYS: `bench-1:${Buffer.alloc(32, 9).toString("base64")}`,
    MOST_BLIND_INDEX_KEY: "bench-blind-index-key-0123456789abcdefghijklmno",
  });
  return cluster;
}

export function arg(name: string, fallback: number): number {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split("=")[1]) : fallback;
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
