import { readFileSync } from "node:fs";
import pg from "pg";
import { PROFILES, startCluster, createDatabase, dropDatabase } from "./lib/database";
const c = await startCluster(PROFILES.dev);
await dropDatabase(c, "scratch"); await createDatabase(c, "scratch");
const cl = new pg.Client({connectionString: c.urlFor("scratch")}); await cl.connect();
try { await cl.query(readFileSync("prisma/migrations/20261126162557_init/migration.sql","utf8")); console.log("ok"); } catch(e) { console.log("ERR", e.message); }
await cl.end(); await dropDatabase(c, "scratch"); await c.stop();
