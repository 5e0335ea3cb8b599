// The audit trail against an attacker: with the portal's own login (the app role), every
// move that would rewrite history is refused by the database; with the owner's login (a
// stolen database), the rewrite is possible but verification against signed checkpoints
// held outside the database reports it.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { storedAnchors, verifyChain } from "@/lib/audit/verify";
import { GENESIS_HASH, PLATFORM_STREAM, hashEvent } from "@/lib/audit/chain";
import { chainContent } from "@/lib/audit/verify-core";
import { signCheckpoints, storedForgeries, trustedKeys } from "@/lib/audit/checkpoints";
import { anchorsFrom, toCheckpoint } from "@/lib/audit/checkpoint-anchors";
import { serialiseCheckpoints } from "@/lib/audit/checkpoint";
import { ownerDb } from "../../scripts/lib/owner-client";
import { grantProblems, roleOf } from "../../scripts/lib/grants";
import { makeFunder } from "../factories";

async function append(n: number, funderId: string | null = null) {
  for (let i = 0; i < n; i++) {
    await db.$transaction((tx) =>
      writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: String(i), funderId, after: { i, legalName: "Hidden" } }),
    );
  }
  return db.auditEvent.findMany({ where: { stream: funderId ?? PLATFORM_STREAM }, orderBy: { streamSeq: "asc" } });
}

/** As a thief of the owner's login would: the guards switched off for one transaction. */
async function asOwner(...sql: string[]) {
  await ownerDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    for (const s of sql) await tx.$executeRawUnsafe(s);
  });
}

type Row = Awaited<ReturnType<typeof append>>[number];
const q = (v: unknown) => (v === null ? "NULL" : `'${(typeof v === "string" ? v : JSON.stringify(v)).replace(/'/g, "''")}'`);

/**
 * The recomputed-chain rewrite: replaces a stream with `rows` (changed, reordered, forged),
 * renumbered from 1 and re-hashed so that it is self-consistent, head included.
 */
async function rewriteStream(stream: string, rows: Row[]) {
  let prev = GENESIS_HASH;
  const inserts = rows.map((r, i) => {
    const content = chainContent({ ...r, streamSeq: BigInt(i + 1) });
    const hash = hashEvent(prev, content);
    const sql = `INSERT INTO "AuditEvent" (id, at, "actorId", "actorRole", action, "entityType", "entityId", "funderId", "organisationId", before, after, "requestId", stream, "streamSeq", "prevHash", hash)
      VALUES (${r.id}, '${r.at.toISOString()}', ${q(r.actorId)}::uuid, ${q(r.actorRole)}, ${q(r.action)}, ${q(r.entityType)}, ${q(r.entityId)}, ${q(r.funderId)}::uuid, ${q(r.organisationId)}::uuid,
              ${q(r.before)}::jsonb, ${q(r.after)}::jsonb, ${q(r.requestId)}, '${stream}', ${i + 1}, '${prev}', '${hash}')`;
    prev = hash;
    return sql;
  });
  await asOwner(`DELETE FROM "AuditEvent" WHERE stream = '${stream}'`, ...inserts, `UPDATE "AuditHead" SET "lastSeq" = ${rows.length}, hash = '${prev}' WHERE stream = '${stream}'`);
}

/** Checkpoints as an auditor holds them: exported, then read back with the trusted keys. */
async function heldCheckpoints() {
  await signCheckpoints();
  const rows = await db.auditCheckpoint.findMany({ orderBy: { id: "asc" } });
  const file = serialiseCheckpoints(rows.map(toCheckpoint));
  const held = anchorsFrom(file, trustedKeys());
  if (!held.ok) throw new Error(held.message);
  return held.anchors;
}

const forged = (like: Row, id: bigint): Row => ({ ...like, id, action: "payment.approved", entityType: "Tranche", entityId: "forged", actorRole: "APPROVER", after: { amount: "999999.00" } });

describe("audit trail", () => {
  // Each test starts from an empty trail: earlier tests in this file rewrite it.
  beforeEach(async () => {
    await asOwner(`TRUNCATE "AuditEvent", "AuditCheckpoint"`, `DELETE FROM "AuditHead"`);
  });

  it("chains each stream by position from 1 and masks identity fields", async () => {
    const funder = await makeFunder();
    const platform = await append(3);
    const funded = await append(2, funder.id);
    expect(platform.map((e) => e.streamSeq)).toEqual([1n, 2n, 3n]);
    expect(funded.map((e) => [e.stream, e.streamSeq])).toEqual([[funder.id, 1n], [funder.id, 2n]]);
    expect(platform[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < platform.length; i++) expect(platform[i]!.prevHash).toBe(platform[i - 1]!.hash);
    expect(JSON.stringify(platform.map((e) => e.after))).not.toContain("Hidden");
    expect(await verifyChain()).toMatchObject({ ok: true, events: 5 });
  });

  it("keeps every stream gapless under concurrent writers of several streams", async () => {
    const [a, b] = [await makeFunder(), await makeFunder()];
    const before = (await db.auditEvent.count());
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: String(i), funderId: [a.id, b.id, null][i % 3] })),
      ),
    );
    for (const stream of [a.id, b.id, PLATFORM_STREAM]) {
      const seqs = (await db.auditEvent.findMany({ where: { stream }, orderBy: { streamSeq: "asc" }, select: { streamSeq: true } })).map((e) => Number(e.streamSeq));
      expect(seqs.slice(-10)).toEqual(Array.from({ length: 10 }, (_, i) => seqs.length - 9 + i));
      expect(seqs[0]).toBe(1);
    }
    expect(await db.auditEvent.count()).toBe(before + 30);
    expect(await verifyChain()).toMatchObject({ ok: true });
  });

  it("puts an event in its funder's stream, enforced by the database", async () => {
    const funder = await makeFunder();
    await expect(
      db.$executeRawUnsafe(`INSERT INTO "AuditEvent" (action, "entityType", "funderId", stream, "streamSeq", "prevHash", hash) VALUES ('x', 'Instance', '${funder.id}', 'platform', 99, '${GENESIS_HASH}', '${"1".repeat(64)}')`),
    ).rejects.toThrow(/AuditEvent_stream_matches_funder/);
  });

  describe("with the portal's own login", () => {
    it("is a role that owns nothing and holds only the grants it needs", async () => {
      expect(roleOf(process.env.DATABASE_URL!)).toBe("most_app");
      expect(await grantProblems(process.env.OWNER_DATABASE_URL!, "most_app")).toEqual([]);
    });

    it("refuses UPDATE, DELETE and TRUNCATE on the trail, its checkpoints and the ledger, and DELETE on the heads", async () => {
      const [e] = await append(1);
      await signCheckpoints();
      for (const sql of [
        `UPDATE "AuditEvent" SET action = 'x' WHERE id = ${e!.id}`,
        `DELETE FROM "AuditEvent" WHERE id = ${e!.id}`,
        `TRUNCATE "AuditEvent"`,
        `UPDATE "AuditCheckpoint" SET "headHash" = '${GENESIS_HASH}'`,
        `DELETE FROM "AuditCheckpoint"`,
        `TRUNCATE "AuditCheckpoint"`,
        `UPDATE "LedgerEntry" SET amount = 1`,
        `DELETE FROM "LedgerEntry"`,
        `TRUNCATE "LedgerEntry"`,
        `DELETE FROM "AuditHead"`,
      ]) {
        await expect(db.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied for table/);
      }
      expect(await db.auditEvent.count()).toBe(1);
      expect(await db.auditCheckpoint.count()).toBe(1);
    });

    it("cannot switch the guards off, alter or create tables, or become the owner", async () => {
      const refused: [string, RegExp][] = [
        [`SET session_replication_role = replica`, /permission denied to set parameter "session_replication_role"/],
        [`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`, /must be owner of table AuditEvent/],
        [`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"`, /must be owner of table LedgerEntry/],
        [`DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`, /must be owner of (table|relation) AuditEvent/],
        [`ALTER TABLE "AuditEvent" ADD COLUMN x int`, /must be owner of table AuditEvent/],
        [`CREATE TABLE forged (id int)`, /permission denied for schema public/],
        [`SET ROLE most`, /permission denied to set role "most"/],
        // A temporary "Grant" would be found before public."Grant" by unqualified names.
        [`CREATE TEMP TABLE "Grant" (id uuid, amount numeric, currency text)`, /permission denied to create temporary tables/],
        [`ALTER ROLE most_app BYPASSRLS`, /permission denied to alter role/],
      ];
      for (const [sql, message] of refused) await expect(db.$executeRawUnsafe(sql), sql).rejects.toThrow(message);
      // Granting itself more only draws a warning from PostgreSQL, and grants nothing.
      await db.$executeRawUnsafe(`GRANT UPDATE, DELETE, TRUNCATE ON "AuditEvent", "LedgerEntry" TO most_app`);
      expect(await grantProblems(process.env.OWNER_DATABASE_URL!, "most_app")).toEqual([]);
    });

    it("has its grants checked: an extra grant, a column grant or a function without a fixed search path is reported (the check can fail)", async () => {
      const owner = ownerDb();
      const url = process.env.OWNER_DATABASE_URL!;
      await owner.$executeRawUnsafe(`GRANT UPDATE ON "AuditEvent" TO most_app`);
      await owner.$executeRawUnsafe(`GRANT UPDATE (amount) ON "LedgerEntry" TO most_app`);
      await owner.$executeRawUnsafe(`CREATE FUNCTION most_loose() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
      try {
        expect(await grantProblems(url, "most_app")).toEqual([
          "function most_loose has no fixed search_path",
          "most_app may UPDATE on public.AuditEvent",
          "most_app may UPDATE columns of public.LedgerEntry",
        ]);
      } finally {
        await owner.$executeRawUnsafe(`REVOKE UPDATE ON "AuditEvent" FROM most_app`);
        await owner.$executeRawUnsafe(`REVOKE UPDATE (amount) ON "LedgerEntry" FROM most_app`);
        await owner.$executeRawUnsafe(`DROP FUNCTION most_loose()`);
      }
      expect(await grantProblems(url, "most_app")).toEqual([]);
    });

    it("cannot add to the closed legacy stream", async () => {
      await expect(
        db.$executeRawUnsafe(`INSERT INTO "AuditEvent" (action, "entityType", stream, "streamSeq", "prevHash", hash) VALUES ('x', 'Instance', 'legacy', 1, '${GENESIS_HASH}', '${"1".repeat(64)}')`),
      ).rejects.toThrow(/the legacy audit stream is closed/);
    });

    it("cannot stop or poison the checkpoints with rows of its own: forged rows are ignored everywhere", async () => {
      await append(2);
      await signCheckpoints();
      // Far ahead, and at the next position, with garbage signatures under the real key id.
      for (const seq of [9_999_999_999n, 3n]) {
        await db.auditCheckpoint.create({ data: { stream: PLATFORM_STREAM, seq, headHash: "f".repeat(64), count: seq, at: new Date(), keyId: "test-1", signature: "A".repeat(86) } });
      }
      await append(1);
      const made = await signCheckpoints();
      expect(made.map((c) => [c.stream, c.seq])).toEqual([[PLATFORM_STREAM, "3"]]);
      expect(await verifyChain({ anchors: await storedAnchors(trustedKeys()) })).toMatchObject({ ok: true });
      expect((await storedForgeries(trustedKeys())).length).toBe(2);
    });

    it("cannot get a moved head signed: the worker checks the events up to it first", async () => {
      const events = await append(2);
      await signCheckpoints();
      await append(1);
      await db.$executeRawUnsafe(`UPDATE "AuditHead" SET "lastSeq" = "lastSeq" + 1000, hash = '${"e".repeat(64)}' WHERE stream = '${PLATFORM_STREAM}'`);
      expect(await signCheckpoints()).toEqual([]);
      const rows = await db.auditCheckpoint.findMany({ where: { stream: PLATFORM_STREAM } });
      expect(rows.map((r) => r.seq)).toEqual([2n]);
      expect(rows[0]!.headHash).toBe(events[1]!.hash);
    });
  });

  describe("with the owner's login (a stolen database)", () => {
    it("detects a changed row even without checkpoints: its content no longer gives its hash", async () => {
      const events = await append(4);
      await asOwner(`UPDATE "AuditEvent" SET after = '{"i": 99}' WHERE id = ${events[2]!.id}`);
      expect(await verifyChain()).toMatchObject({ ok: false, events: 2, brokenAt: events[2]!.id.toString(), reason: "hash", seq: "3" });
    });

    it("detects a removed row: a position is missing", async () => {
      const events = await append(4);
      await asOwner(`DELETE FROM "AuditEvent" WHERE id = ${events[1]!.id}`);
      expect(await verifyChain()).toMatchObject({ ok: false, brokenAt: events[2]!.id.toString(), reason: "gap" });
    });

    it("reports a recomputed rewrite against an earlier checkpoint, naming the range, though the chain is self-consistent", async () => {
      const events = await append(3);
      const anchors = await heldCheckpoints(); // at position 3
      await append(2);
      const all = await db.auditEvent.findMany({ where: { stream: PLATFORM_STREAM }, orderBy: { streamSeq: "asc" } });
      await rewriteStream(PLATFORM_STREAM, all.map((r, i) => (i === 1 ? { ...r, after: { amount: "999999.00" } } : r)));
      // On its own, the rewritten chain verifies: this is what signed checkpoints are for.
      expect(await verifyChain()).toMatchObject({ ok: true, events: 5 });
      const report = await verifyChain({ anchors });
      expect(report).toMatchObject({ ok: false, reason: "checkpoint", stream: PLATFORM_STREAM, brokenAt: events[0]!.id.toString(), seq: "1" });
      expect(report.ok ? "" : report.message).toMatch(/differs from the checkpoint of .* \(key test-1\)/);
    });

    it("names the first event after the last checkpoint that still matches", async () => {
      await append(2);
      const first = await heldCheckpoints(); // at 2
      const stream = await append(2); // the whole stream, 4 events
      const second = await heldCheckpoints(); // at 4
      const all = await db.auditEvent.findMany({ where: { stream: PLATFORM_STREAM }, orderBy: { streamSeq: "asc" } });
      await rewriteStream(PLATFORM_STREAM, all.map((r, i) => (i === 3 ? { ...r, after: { amount: "1.00" } } : r)));
      const report = await verifyChain({ anchors: [...first, ...second] });
      expect(report).toMatchObject({ ok: false, reason: "checkpoint", brokenAt: stream[2]!.id.toString(), seq: "3" });
      expect(report.ok ? "" : report.message).toMatch(/after position 2 \(still matching/);
    });

    it("reports a forged event slipped in under a checkpoint, later events renumbered and the head moved", async () => {
      const events = await append(3);
      const anchors = await heldCheckpoints();
      await rewriteStream(PLATFORM_STREAM, [events[0]!, forged(events[0]!, 10_000n), events[1]!, events[2]!]);
      expect(await verifyChain()).toMatchObject({ ok: true, events: 4 });
      expect(await verifyChain({ anchors })).toMatchObject({ ok: false, reason: "checkpoint" });
    });

    it("reports a dropped tail, the head moved back too", async () => {
      const events = await append(4);
      const anchors = await heldCheckpoints();
      await rewriteStream(PLATFORM_STREAM, events.slice(0, 2));
      expect(await verifyChain()).toMatchObject({ ok: true, events: 2 });
      expect(await verifyChain({ anchors })).toMatchObject({ ok: false, reason: "tail", seq: "3", brokenAt: null });
    });

    it("reports a reordered pair: re-hashed against a checkpoint, left as it was by the links", async () => {
      const events = await append(4);
      const anchors = await heldCheckpoints();
      await asOwner(
        `UPDATE "AuditEvent" SET "streamSeq" = 1000 WHERE id = ${events[1]!.id}`,
        `UPDATE "AuditEvent" SET "streamSeq" = 2 WHERE id = ${events[2]!.id}`,
        `UPDATE "AuditEvent" SET "streamSeq" = 3 WHERE id = ${events[1]!.id}`,
      );
      expect(await verifyChain()).toMatchObject({ ok: false, reason: "link", brokenAt: events[2]!.id.toString() });
      await rewriteStream(PLATFORM_STREAM, [events[0]!, events[2]!, events[1]!, events[3]!]);
      expect(await verifyChain({ anchors })).toMatchObject({ ok: false, reason: "checkpoint" });
    });

    it("detects a head row that disagrees with the last event", async () => {
      await append(3);
      await asOwner(`UPDATE "AuditHead" SET "lastSeq" = 2`);
      expect(await verifyChain()).toMatchObject({ ok: false, reason: "head" });
    });
  });
});
