// Start-up step (db:prepare, the run command): seals the names and addresses of accounts
// created before personal data was sealed (lib/users/personal-data.ts sealLegacyPeople).
// Runs with the portal's environment (master keys, blind-index key, key shares).
import { db } from "../lib/db";
import { sealLegacyPeople } from "../lib/users/personal-data";

let code = 1;
try {
  const n = await sealLegacyPeople();
  if (n > 0) console.log(`Sealed the personal data of ${n} accounts.`);
  code = 0;
} catch (e) {
  console.error(`✗ sealing personal data failed: ${(e as Error).message}`);
} finally {
  await db.$disconnect();
}
process.exit(code);
