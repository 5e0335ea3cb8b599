// The lint rules that keep SQL parameterised and the database behind lib/ must fire, and
// next/react must not fall below the first releases fixing the 2025–2026 advisories.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const eslint = new ESLint({ cwd: process.cwd() });

async function rulesFiredFor(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
}

describe("lint guard rails", () => {
  it("forbid string-built SQL in application code", async () => {
    const code = `import { db, Prisma } from "../db";\nexport const f = (x: string) => { db.$queryRawUnsafe(x); db.$executeRawUnsafe(x); return Prisma.raw(x); };\n`;
    const fired = await rulesFiredFor("lib/example/bad.ts", code);
    expect(fired.filter((r) => r === "no-restricted-syntax")).toHaveLength(3);
  }, 30_000);

  it("keep the database client out of pages and components", async () => {
    expect(await rulesFiredFor("app/example/page.tsx", `import { db } from "@/lib/db";\nexport default function P() { return String(db); }\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await rulesFiredFor("components/example.tsx", `import { PrismaClient } from "@prisma/client";\nexport const c = new PrismaClient();\n`)).toContain("@typescript-eslint/no-restricted-imports");
    // Types from the Prisma client are fine anywhere.
    expect(await rulesFiredFor("components/example2.tsx", `import type { ApplicationStatus } from "@prisma/client";\nexport const s: ApplicationStatus = "DRAFT";\n`)).not.toContain("@typescript-eslint/no-restricted-imports");
  }, 30_000);

  it("run the security plugin", async () => {
    expect(await rulesFiredFor("lib/example/eval.ts", `export const f = (x: string) => eval(x);\n`)).toContain("security/detect-eval-with-expression");
  }, 30_000);
});

function atLeast(version: string, floor: string): boolean {
  const a = version.split(/[.-]/).slice(0, 3).map(Number);
  const b = floor.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  }
  return true;
}

describe("dependency security floor", () => {
  const installed = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  const locked = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version: string }> };

  it.each([
    ["next", "16.3.3"],
    ["react", "19.2.8"],
    ["react-dom", "19.2.8"],
  ])("%s is at least %s, installed and locked", (name, floor) => {
    expect(atLeast(installed(name), floor), `${name}@${installed(name)}`).toBe(true);
    expect(atLeast(locked.packages[`node_modules/${name}`]!.version, floor)).toBe(true);
  });

  it("compares versions correctly", () => {
    expect(atLeast("16.3.3", "16.3.3")).toBe(true);
    expect(atLeast("16.10.0", "16.3.3")).toBe(true);
    expect(atLeast("16.3.2", "16.3.3")).toBe(false);
    expect(atLeast("15.9.9", "16.3.3")).toBe(false);
  });
});

describe("Node.js minimum", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
  // engines.node is a plain floor (">=20.19"), the form the README repeats.
  const minimum = pkg.engines.node.startsWith(">=") ? pkg.engines.node.slice(2).trim() : undefined;

  it("is the same in package.json and the README", () => {
    expect(minimum).toBeTruthy();
    expect(readFileSync("README.md", "utf8")).toContain(`Needs Node.js ≥ ${minimum} and npm`);
  });

  it("is supported by every locked package", () => {
    const semver = require("semver") as { satisfies(v: string, range: string): boolean; coerce(v: string): { version: string } };
    const locked = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version: string; engines?: { node?: string } | string[] }> };
    const floor = semver.coerce(minimum!).version;
    const refusing = Object.entries(locked.packages)
      .filter(([p, v]) => p && v.engines && !Array.isArray(v.engines) && v.engines.node && !semver.satisfies(floor, v.engines.node))
      .map(([p, v]) => `${p.replace(/^.*node_modules\//, "")}@${v.version} needs Node ${(v.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
