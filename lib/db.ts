// The one Prisma client, over node-postgres through the driver adapter (no native engine).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@prisma/client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { mostDb?: PrismaClient; mostReadDb?: PrismaClient };

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
 * Reads that may lag the primary by a moment (dashboards, exports) go to a read replica when
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

/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

export { Prisma };
