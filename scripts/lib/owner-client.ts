// A Prisma client on the owner's login (OWNER_DATABASE_URL), for the tests and benchmarks
// that must act past the database's guards: forging rows, playing a thief of that login.
// The portal itself never uses it.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

const store = globalThis as unknown as { mostOwnerDb?: PrismaClient };

export function ownerDb(): PrismaClient {
  if (!store.mostOwnerDb) {
    const url = process.env.OWNER_DATABASE_URL;
    if (!url) throw new Error("OWNER_DATABASE_URL is not set");
    store.mostOwnerDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  }
  return store.mostOwnerDb;
}

export async function disconnectOwnerDb() {
  await store.mostOwnerDb?.$disconnect();
  store.mostOwnerDb = undefined;
}
