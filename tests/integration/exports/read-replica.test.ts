// DATABASE_REPLICA_URL (lib/db.ts readDb): the dashboard reads through it, writes never go
// there. The "replica" here is a read-only login on the same database, as a hot standby
// refuses every write; its connections show which login answered.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, readDb } from "@/lib/db";
import { fundingGap } from "@/lib/dashboard/funding-gap";
import { fundedGrant, funderTeam, pay } from "./world";

const role = `most_replica_${randomBytes(4).toString("hex")}`;
const password = randomBytes(12).toString("hex");
const replicaUrl = new URL(process.env.DATABASE_URL!);
replicaUrl.username = role;
replicaUrl.password = password;
// Before the first use of lib/env.ts, which reads the environment once.
process.env.DATABASE_REPLICA_URL = replicaUrl.toString();

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await asOwner(async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE most_app`);
    await c.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
  });
});

afterAll(async () => {
  await readDb.$disconnect();
  await asOwner(async (c) => {
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
    await c.query(`DROP ROLE IF EXISTS ${role}`);
  });
});

describe("a read replica", () => {
  it("answers the dashboard's reads while writes go to the primary", async () => {
    const team = await funderTeam();
    const grant = await fundedGrant(team, { tranches: ["1000.00"], org: { name: "Replica Readers", country: "LV" } });
    await pay(team, grant.tranches[0]!.id, "2026-03-10");
    const gap = await fundingGap(team.auditor, { kind: "funder", funderId: team.funder.id });
    expect(gap.totals).toMatchObject({ committed: "1000.00", disbursed: "1000.00", organisations: 1 });
    // The dashboard alone opened the replica's connections (nothing else has used it yet).
    const open = await asOwner((c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()`, [role]));
    expect(Number(open.rows[0]!.n)).toBeGreaterThan(0);
    const [{ who }] = await readDb.$queryRaw<[{ who: string }]>`SELECT current_user::text AS who`;
    expect(who).toBe(role);
    const [{ primary }] = await db.$queryRaw<[{ primary: string }]>`SELECT current_user::text AS primary`;
    expect(primary).toBe("most_app");
  });

  it("is never written through: the replica refuses, the primary's data stays", async () => {
    await expect(readDb.$executeRaw`UPDATE "Funder" SET name = name`).rejects.toThrow(/read-only transaction/);
  });
});
