// Canary for the test command (never part of the suite): a file whose beforeAll fails.
// scripts/test.ts runs it and requires vitest to report it failed, with a non-zero status.
import { beforeAll, expect, it } from "vitest";

beforeAll(() => {
  throw new Error("canary: this hook fails on purpose");
});

it("does not count as passed when its hook failed", () => expect(1).toBe(1));
