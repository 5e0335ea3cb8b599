// For admin commands run by hand: use DATABASE_URL and secrets from the environment, or
// else the embedded development database and the generated local secrets.
import { PROFILES, createDatabase, startCluster, type Cluster } from "./database";
import { localSecrets } from "./secrets";

export async function startDevEnvironment(): Promise<Cluster> {
  const cluster = await startCluster(PROFILES.dev);
  if (!process.env.DATABASE_URL) {
    await createDatabase(cluster, "most");
    process.env.DATABASE_URL = cluster.appUrlFor("most");
  }
  Object.assign(process.env, { ...localSecrets(), ...process.env });
  return cluster;
}
