// Counts every row written to the test database, per table, with a row-level trigger on
// each table (installed in this test file's own database only). Comparing two snapshots
// shows whether a call changed anything at all: inserts, updates and deletes alike, not
// only the audit events a successful change writes. Rolled-back writes are not counted.
import { db } from "@/lib/db";
import { ownerDb } from "../../../scripts/lib/owner-client";
import { request } from "../../setup/next-mocks";
import type { Outcome } from "./outcome";
import type { Effect } from "./scenarios";
import type { ActorKey } from "./world";

export type ChangeSnapshot = Map<string, bigint>;

// Installed as the owner (the portal's login may not create triggers); the counter runs as
// its definer, so the code under test needs no grant on the counting table.
export async function installChangeCounter() {
  const db = ownerDb();
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS authz_changes (tbl text PRIMARY KEY, n bigint NOT NULL DEFAULT 0)`);
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION authz_count_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      INSERT INTO authz_changes (tbl, n) VALUES (TG_TABLE_NAME, 1)
      ON CONFLICT (tbl) DO UPDATE SET n = authz_changes.n + 1;
      RETURN NULL;
    END $$`);
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('authz_changes', '_prisma_migrations')`);
  for (const { name } of tables) {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS authz_track ON "${name}"`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER authz_track AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION authz_count_change()`,
    );
  }
  return tables.map((t) => t.name);
}

export async function snapshot(): Promise<ChangeSnapshot> {
  const rows = await ownerDb().$queryRawUnsafe<{ tbl: string; n: bigint }[]>(`SELECT tbl, n FROM authz_changes`);
  return new Map(rows.map((r) => [r.tbl, BigInt(r.n)]));
}

/** Tables written between two snapshots, with the number of rows written; `ignore` is left out. */
export function changedTables(before: ChangeSnapshot, after: ChangeSnapshot, ignore: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [tbl, n] of after) {
    if (ignore.includes(tbl)) continue;
    const d = n - (before.get(tbl) ?? 0n);
    if (d !== 0n) out[tbl] = Number(d);
  }
  return out;
}

/** Audit events written after event id `afterId` (their actions), for allowed side effects. */
export async function auditActionsSince(afterId: bigint): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, select: { action: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}

export async function lastAuditId(): Promise<bigint> {
  const { _max } = await db.auditEvent.aggregate({ _max: { id: true } });
  return _max.id ?? 0n;
}

export type Probe = { outcome: Outcome; changes: Record<string, number>; audit: string[] };

/** Runs one call and records what it wrote: rows per table and the audit events' actions. */
export async function measure(call: () => Promise<Outcome>): Promise<Probe> {
  const before = await snapshot();
  const auditBefore = await lastAuditId();
  const outcome = await call();
  const changes = changedTables(before, await snapshot());
  return { outcome, changes, audit: await auditActionsSince(auditBefore) };
}

/** What a successful call failed to write, measured against its scenario's expected effect (null: all there). */
export function effectProblem(expected: Effect | ((actor: ActorKey) => Effect) | undefined, actor: ActorKey, r: Probe): string | null {
  const effect = typeof expected === "function" ? expected(actor) : expected;
  if (!effect) return "the scenario states no expected effect";
  if (effect === "nothing") {
    return Object.keys(r.changes).length ? `expected to write nothing, wrote ${JSON.stringify(r.changes)}` : null;
  }
  const missing = [
    ...(effect.audit ?? []).filter((a) => !r.audit.includes(a)).map((a) => `audit ${a}`),
    ...(effect.tables ?? []).filter((t) => !r.changes[t]).map((t) => `rows in ${t}`),
    ...(effect.cookie && !request.cookies.has(effect.cookie) ? [`cookie ${effect.cookie}`] : []),
  ];
  return missing.length ? `succeeded without its effect: missing ${missing.join(", ")}` : null;
}
