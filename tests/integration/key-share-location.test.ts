// Key shares live apart from the files and every backed-up folder; start-up refuses
// otherwise, and moves shares that earlier versions kept in STORAGE_DIR/keys/. Master keys
// from the environment are never written to the local secrets file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { prepareShareFolder, readShare, shareLocationProblem } from "@/lib/crypto/keystore";
import { localSecrets } from "../../scripts/lib/secrets";

const base = { STORAGE_DIR: "/srv/most/files", KEY_SHARE_DIR: "/srv/keys", MOST_BACKED_UP_DIRS: "", MOST_ALLOW_SHARES_IN_BACKUPS: "0" as const };

describe("key share location", () => {
  it("refuses shares inside, around or beside-in-a-backup of the files and the database", () => {
    expect(shareLocationProblem(base)).toBeNull();
    expect(shareLocationProblem({ ...base, KEY_SHARE_DIR: "/srv/most/files/keys" })).toMatch(/overlaps STORAGE_DIR/);
    expect(shareLocationProblem({ ...base, KEY_SHARE_DIR: "/srv/most" })).toMatch(/overlaps STORAGE_DIR/);
    expect(shareLocationProblem({ ...base, KEY_SHARE_DIR: "/srv/most/files/../files/k" })).toMatch(/overlaps STORAGE_DIR/);
    const backedUp = { ...base, MOST_BACKED_UP_DIRS: "/var/lib/postgresql, /srv" };
    expect(shareLocationProblem(backedUp)).toMatch(/MOST_BACKED_UP_DIRS/);
    // The operator may accept it knowingly, but never for the storage folder itself.
    expect(shareLocationProblem({ ...backedUp, MOST_ALLOW_SHARES_IN_BACKUPS: "1" })).toBeNull();
    expect(shareLocationProblem({ ...base, KEY_SHARE_DIR: "/srv/most/files/k", MOST_ALLOW_SHARES_IN_BACKUPS: "1" })).toMatch(/STORAGE_DIR/);
    expect(shareLocationProblem({ ...base, KEY_SHARE_DIR: "/srv/most/files-keys" })).toBeNull();
  });

  it("moves shares an earlier version left in STORAGE_DIR/keys/ and leaves none behind", () => {
    const id = randomUUID();
    const share = randomBytes(32);
    const legacy = path.resolve(env().STORAGE_DIR, "keys");
    mkdirSync(legacy, { recursive: true });
    writeFileSync(path.join(legacy, id), share);
    expect(readShare(id)).toBeNull();
    expect(prepareShareFolder().moved).toBeGreaterThanOrEqual(1);
    expect(readShare(id)?.equals(share)).toBe(true);
    expect(existsSync(legacy)).toBe(false);
    expect(prepareShareFolder().moved).toBe(0);
  });
});

describe("local secrets file", () => {
  it("keeps generated secrets but never writes a master key given in the environment", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "secrets-")), "secrets.json");
    const saved = { ...process.env };
    try {
      for (const k of ["AUTH_SECRET", "MOST_MASTER_KEYS", "AUDIT_SIGNING_KEY"]) delete process.env[k];
      const generated = localSecrets(file);
      const rotating = `new-1:${randomBytes(32).toString("base64")},${generated.MOST_MASTER_KEYS}`;
      process.env.MOST_MASTER_KEYS = rotating;
      expect(localSecrets(file).MOST_MASTER_KEYS).toBe(rotating);
      const stored = readFileSync(file, "utf8");
      expect(stored).not.toContain("new-1:");
      expect(JSON.parse(stored).MOST_MASTER_KEYS).toBe(generated.MOST_MASTER_KEYS);
      expect(JSON.parse(stored).AUTH_SECRET).toBe(generated.AUTH_SECRET);
    } finally {
      process.env = saved;
    }
  });
});
