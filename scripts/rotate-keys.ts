// Admin command: re-wrap all keys under the first (current) key of MOST_MASTER_KEYS, and
// with --renew also re-seal every organisation's data under a new data key.
//   MOST_MASTER_KEYS="k2:<new>,k1:<old>" npm run keys:rotate [-- --renew [--before=ISO] [--batch=N]]
// A renewal stopped half-way resumes with the --before it printed.
import { db } from "../lib/db";
import { rotateMasterKey } from "../lib/crypto/rotation";
import { renewDataKeys } from "../lib/crypto/renewal";
import { prepareShareFolder } from "../lib/crypto/keystore";
import { renewPersonKey } from "../lib/users/person-keys";
import { startDevEnvironment } from "./lib/dev-env";

const args = process.argv.slice(2);
const known = /^--(renew|before=.+|batch=\d+)$/;
const unknown = args.filter((a) => !known.test(a));
if (unknown.length) {
  console.error(`Unknown argument ${unknown[0]}. Use --renew, --before=<ISO time>, --batch=<n>.`);
  process.exit(2);
}
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const before = value("before") ? new Date(value("before")!) : new Date();
if (Number.isNaN(before.getTime())) {
  console.error(`--before is not a time: ${value("before")}`);
  process.exit(2);
}

let code = 1;
const cluster = await startDevEnvironment();
try {
  // Shares of versions before 2026-12 are still in STORAGE_DIR/keys/: moved first, or
  // every organisation would look as if its share were missing.
  prepareShareFolder();
  const r = await rotateMasterKey();
  console.log(`Re-wrapped ${r.organisations} organisation keys, ${r.people} personal keys and ${r.secrets} second-factor secrets under master key "${r.currentId}".`);
  if (args.includes("--renew")) {
    console.log(`Renewing data keys not renewed since ${before.toISOString()} (if interrupted, run again with --renew --before=${before.toISOString()}).`);
    const n = await renewDataKeys({ before, batch: Number(value("batch") ?? 50), onProgress: (done) => console.log(`  ${done} renewed…`) });
    console.log(`Renewed ${n.renewed} data keys (${n.erased} erased organisations have none).`);
    const persons = await db.personKey.findMany({ where: { destroyedAt: null, OR: [{ rotatedAt: null }, { rotatedAt: { lt: before } }] }, select: { userId: true } });
    let renewedPeople = 0;
    for (const p of persons) if (await renewPersonKey(p.userId)) renewedPeople++;
    console.log(`Renewed ${renewedPeople} personal keys.`);
    if (n.failed.length) {
      for (const f of n.failed) console.error(`  ✗ organisation ${f.organisationId}: ${f.error}`);
      throw new Error(`${n.failed.length} organisations could not be renewed (listed above); run again with --renew --before=${before.toISOString()} after fixing them`);
    }
  }
  console.log("When every instance runs with the new key first, remove the old key from MOST_MASTER_KEYS.");
  code = 0;
} catch (e) {
  console.error(`Rotation failed: ${(e as Error).message}`);
} finally {
  await db.$disconnect();
  await cluster.stop();
}
process.exit(code);
