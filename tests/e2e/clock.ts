// Test fixture: moves a payee account's verification back in time, as if its cooling-off
// period had passed (the database stamps it with its own clock, which the browser's clock
// cannot reach). The owner's login with triggers off, as the demo seed does for its accounts:
// the portal's own login cannot backdate a confirmation.
import pg from "pg";
import { databaseUrl } from "./session";

export async function passCoolingOff(masked: string, days = 3) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    const r = await client.query(
      `UPDATE "PayeeVerification" v SET "usableFrom" = v."usableFrom" - make_interval(days => $2), "decidedAt" = v."decidedAt" - make_interval(days => $2),
              "recordedAt" = v."recordedAt" - make_interval(days => $2)
        FROM "PayeeAccount" a WHERE a.id = v."accountId" AND a.masked = $1 AND v.status = 'CONFIRMED' AND v."usableFrom" > now()`,
      [masked, days],
    );
    if (r.rowCount !== 1) throw new Error(`expected one account ${masked} cooling off, found ${r.rowCount}`);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    await client.end();
  }
}
