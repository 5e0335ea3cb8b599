// Run by the backup drill against one database (DATABASE_URL): verifies the audit chain and
// opens every organisation identity that should open. Prints one JSON line.
import { db } from "../../lib/db";
import { verifyChain } from "../../lib/audit/verify";
import { openIdentity } from "../../lib/organisations/identity";

const chain = await verifyChain();
const orgs = await db.organisation.findMany({ where: { identity: { not: null } }, include: { key: true }, orderBy: { id: "asc" } });
let opened = 0;
const failures: string[] = [];
for (const o of orgs) {
  if (o.key?.destroyedAt) continue; // erased on purpose: must stay closed
  try {
    if (openIdentity(o, o.key)) opened++;
    else failures.push(o.codename);
  } catch {
    failures.push(o.codename);
  }
}
console.log(JSON.stringify({ chainOk: chain.ok, events: chain.events, headHash: chain.ok ? chain.headHash : null, identities: orgs.length, opened, failures }));
await db.$disconnect();
