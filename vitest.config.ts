import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // lib/ marks server modules with `import "server-only"`; tests run them on the server.
  "server-only": path.join(root, "tests/setup/empty-module.ts"),
};

export default defineConfig({
  test: {
    projects: [
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
          environment: "node",
          pool: "forks",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/file-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // next-auth runs for real in action tests; inlined, it gets the test files' stand-ins
          // for next/headers and next/navigation (tests/setup/next-mocks.ts) like our own code.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
