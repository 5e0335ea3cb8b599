// The one Prisma client, over node-postgres through the driver adapter (no native engine).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@prisma/client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { mostDb?: PrismaClient };

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

/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

export { Prisma };
