// Command: migrations, the job queue's schema and the app role's grants, as the owner.
//   npm run db:prepare      the embedded development database, or MIGRATION_DATABASE_URL (owner)
//                           and DATABASE_URL (the portal's login) on an external server
// Also prints the audit key's public half, for auditors to keep (decision 0012).
import { PROFILES, createDatabase, startCluster } from "./lib/database";
import { prepareDatabase } from "./lib/grants";
import { localSecrets } from "./lib/secrets";
import { npx } from "./lib/prisma-cli";

const definedEnv = () => Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));

let code = 1;
const cluster = await startCluster(PROFILES.dev);
try {
  if (cluster.embedded) await createDatabase(cluster, "most");
  const appUrl = process.env.DATABASE_URL ?? cluster.appUrlFor("most");
  const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL ?? cluster.urlFor("most");
  const { leastPrivilege } = await prepareDatabase(ownerUrl, appUrl, { embedded: cluster.embedded });
  // Accounts from before personal data was sealed: sealed now, with the portal's secrets.
  const secrets = cluster.embedded ? localSecrets() : {};
  npx(["tsx", "--conditions=react-server", "scripts/seal-people.ts"], { ...secrets, ...definedEnv(), DATABASE_URL: appUrl });
  console.log(`Database prepared${leastPrivilege ? ": the portal's login owns nothing and only appends to the ledger and the audit trail" : ""}.`);
  const { parseSigningKey, publicKeyString } = await import("../lib/audit/checkpoint");
  const key = process.env.AUDIT_SIGNING_KEY ?? (cluster.embedded ? localSecrets().AUDIT_SIGNING_KEY : undefined);
  if (key) console.log(`Audit public key (give it to auditors): ${publicKeyString(parseSigningKey(key))}`);
  code = 0;
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
} finally {
  await cluster.stop();
}
process.exit(code);
