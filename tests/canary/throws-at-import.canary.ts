// Canary for the test command (never part of the suite): a test file that cannot load.
// scripts/test.ts runs it and requires vitest to report it failed, with a non-zero status.
import { expect, it } from "vitest";

throw new Error("canary: this file fails to load on purpose");

it("is never reached", () => expect(true).toBe(true));
