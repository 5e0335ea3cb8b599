// Fails when prisma/schema and prisma/migrations disagree (someone changed one only).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("schema and migrations", () => {
  it("have no drift", () => {
    const r = spawnSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema", "--exit-code"],
      // The owner: a shadow database needs CREATEDB, which the portal's login lacks.
      { env: { ...process.env, DATABASE_URL: process.env.OWNER_DATABASE_URL }, encoding: "utf8" },
    );
    // --exit-code: 0 = no difference, 2 = difference, 1 = error
    expect(r.stdout + r.stderr).toContain("No difference detected");
    expect(r.status).toBe(0);
  }, 60_000);
});
