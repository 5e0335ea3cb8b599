// The one Prisma client, over node-postgres through the driver adapter (no native engine).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@prisma/client";
import pg from "pg";
import { env } from "./env";

const globalForDb = globalThis as unknown as { mostDb?: PrismaClient; mostReadDb?: PrismaClient; mostCopyPools?: Record<string, pg.Pool> };

function client(): PrismaClient {
  // Created on first use, not at import: `next build` imports modules without a database.
  if (!globalForDb.mostDb) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 });
    globalForDb.mostDb = new PrismaClient({ adapter, log: ["warn", "error"] });
  }
  return globalForDb.mostDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/**
 * Reads that may lag the primary by a moment (the funding-gap dashboard) go to a read replica when
 * DATABASE_REPLICA_URL names one (docs/operations.md); without it, to the primary. Never a
 * write, nor a read that decides one: those stay on `db`.
 */
export const readDb: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const replica = env().DATABASE_REPLICA_URL;
    if (replica && !globalForDb.mostReadDb) {
      globalForDb.mostReadDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: replica, max: 10 }), log: ["warn", "error"] });
    }
    const c = replica ? globalForDb.mostReadDb! : client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/**
 * A few plain node-postgres connections of the same login for streaming exports with
 * COPY … TO STDOUT (pg-copy-streams), which Prisma cannot run; apart from Prisma's pool so
 * a long download never takes a connection the portal's requests wait for.
 */
export function copyPool(use: "rows" | "sums" = "rows"): pg.Pool {
  // Two pools: every export takes its "rows" connection first, then its "sums" one; with one
  // pool, four exports could each hold one connection and wait for a second for ever.
  globalForDb.mostCopyPools ??= {};
  if (!globalForDb.mostCopyPools[use]) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4, idleTimeoutMillis: 10_000 });
    // An idle connection the server closed (restart, dropped database): the pool drops it and
    // the next export opens a new one; without a listener the error would end the process.
    pool.on("error", () => undefined);
    globalForDb.mostCopyPools[use] = pool;
  }
  return globalForDb.mostCopyPools[use];
}

/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

export { Prisma };
