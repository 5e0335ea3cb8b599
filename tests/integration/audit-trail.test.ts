// The audit chain detects a changed, removed or inserted row. Tampering needs the
// append-only triggers switched off, as an attacker with superuser access would do.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { verifyChain } from "@/lib/audit/verify";

async function appendEvents(n: number) {
  for (let i = 0; i < n; i++) {
    await db.$transaction((tx) =>
      writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: String(i), after: { i, legalName: "Hidden" } }),
    );
  }
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

async function tamper(sql: string) {
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRawUnsafe(sql);
  });
}

describe("audit trail", () => {
  // Each test starts from an empty chain: earlier tests in this file tamper with it.
  beforeEach(async () => {
    await tamper(`TRUNCATE "AuditEvent"`);
    await tamper(`UPDATE "AuditHead" SET "lastId" = 0, hash = repeat('0', 64) WHERE id = 1`);
  });

  it("links every event to the previous one and masks identity fields", async () => {
    const events = await appendEvents(5);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(JSON.stringify(events.map((e) => e.after))).not.toContain("Hidden");
    expect(await verifyChain()).toMatchObject({ ok: true, events: 5 });
  });

  it("stays one chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: String(i) })),
      ),
    );
    expect(await verifyChain()).toMatchObject({ ok: true });
  });

  it("refuses UPDATE and DELETE through the normal path", async () => {
    const [e] = await appendEvents(1);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x' WHERE id = ${e!.id}`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = ${e!.id}`)).rejects.toThrow(/append-only/);
  });

  it("detects a modified row", async () => {
    const events = await appendEvents(4);
    await tamper(`UPDATE "AuditEvent" SET after = '{"i": 99}' WHERE id = ${events[2]!.id}`);
    expect(await verifyChain()).toEqual({ ok: false, events: 2, brokenAt: events[2]!.id.toString(), reason: "hash" });
  });

  it("detects a deleted row", async () => {
    const events = await appendEvents(4);
    await tamper(`DELETE FROM "AuditEvent" WHERE id = ${events[1]!.id}`);
    expect(await verifyChain()).toMatchObject({ ok: false, brokenAt: events[2]!.id.toString(), reason: "link" });
  });

  it("detects an inserted row", async () => {
    const events = await appendEvents(3);
    const fake = events[1]!;
    await tamper(
      `INSERT INTO "AuditEvent" (id, at, action, "entityType", "prevHash", hash)
       VALUES (${fake.id + 1000n}, now(), 'forged', 'Test', '${fake.hash}', '${"a".repeat(64)}')`,
    );
    // The forged row sits after the real tail, claims a predecessor that already has a
    // successor, and fails its own hash.
    const report = await verifyChain();
    expect(report.ok).toBe(false);
  });

  it("detects a removed tail through the head record", async () => {
    const events = await appendEvents(3);
    await tamper(`DELETE FROM "AuditEvent" WHERE id = ${events[2]!.id}`);
    expect(await verifyChain()).toMatchObject({ ok: false, reason: "head" });
  });
});
