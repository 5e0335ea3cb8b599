// Root runs embedded PostgreSQL as "postgres": a folder that user cannot enter is found first.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firstUnreachable } from "../../scripts/lib/postgres-access";

const stranger = { uid: 54321, gid: 54321 };
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("folders the postgres user must enter", () => {
  it("names a mktemp -d folder (mode 700) above the data directory", () => {
    dir = mkdtempSync(path.join(tmpdir(), "most-access-"));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(firstUnreachable(path.join(dir, "checkout", ".data", "pg"), stranger)).toBe(dir);
  });

  it("names the highest blocked folder, not a deeper one", () => {
    dir = mkdtempSync(path.join(tmpdir(), "most-access-"));
    mkdirSync(path.join(dir, "inner"), { mode: 0o700 });
    expect(firstUnreachable(path.join(dir, "inner", "pg"), stranger)).toBe(dir);
  });

  it("accepts folders others may enter, and the user's own or group's folders", () => {
    dir = mkdtempSync(path.join(tmpdir(), "most-access-"));
    chmodSync(dir, 0o711);
    expect(firstUnreachable(path.join(dir, "not-yet", "pg"), stranger)).toBeNull();
    chmodSync(dir, 0o700);
    const st = statSync(dir);
    expect(firstUnreachable(path.join(dir, "pg"), { uid: st.uid, gid: -1 })).toBeNull();
    chmodSync(dir, 0o710);
    expect(firstUnreachable(path.join(dir, "pg"), { uid: -1, gid: st.gid })).toBeNull();
    chmodSync(dir, 0o701);
    expect(firstUnreachable(path.join(dir, "pg"), { uid: -1, gid: st.gid })).toBe(dir);
  });
});
