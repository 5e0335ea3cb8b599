// `prisma db seed` entry: seeds the demo data set unless the database already has data.
import { isSeeded, seedDemo } from "./seed/seed-demo";
import { db } from "../lib/db";
import { disconnectOwnerDb } from "../scripts/lib/owner-client";

if (await isSeeded()) {
  console.log("Database already has data; demo seed skipped.");
} else {
  await seedDemo();
  console.log("Demo data seeded.");
}
await db.$disconnect();
await disconnectOwnerDb();
