// Driver adapter for the Prisma CLI only (migrate, db seed), loaded from prisma.config.ts.
// Prisma 6.19 runs its schema engine as WASM through this adapter because Prisma's
// binary download servers are unreachable here. It works around, in order:
//  1. catalog columns of type `name` (oid 19) and `"char"` (oid 18) that adapter-pg
//     cannot map (prisma/orm#27403): reported as text and as a character;
//  2. a connection string overriding the shadow database name: discrete fields;
//  3. the shadow database dropped before its pool closes: we create and drop it;
//  4. idle pooled connections keeping the CLI alive after it finished: allowExitOnIdle;
//  5. adapter-pg splitting migration scripts on every ";" (which breaks PL/pgSQL
//     bodies and comments): the script is sent whole, as one implicit transaction.
// See docs/decisions/0002-prisma-offline.md.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

const NAME_OID = 19; // pg type `name`
const CHAR_OID = 18; // pg type `"char"`
const TEXT_OID = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character

type Queryable = {
  performIO(q: object): Promise<{ fields: Array<{ dataTypeID: number }> }>;
  queryRaw(q: object): Promise<{ columnTypes: number[] }>;
};

/** Teaches adapter-pg's shared query class the two catalog types it does not map. */
function patchCatalogTypes(adapter: SqlDriverAdapter) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable & {
    __mostPatched?: boolean;
  };
  if (proto.__mostPatched) return;
  proto.__mostPatched = true;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = proto.performIO;
  proto.performIO = async function (this: Queryable, query) {
    const result = await performIO.call(this, query);
    // A multi-statement script (the shadow database's migrations) yields an array.
    if (Array.isArray(result)) return result;
    const chars: number[] = [];
    result.fields.forEach((f, i) => {
      if (f.dataTypeID === CHAR_OID) chars.push(i);
      if (f.dataTypeID === CHAR_OID || f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
    });
    if (chars.length) charColumns.set(query, chars);
    return result;
  };
  const queryRaw = proto.queryRaw;
  // The schema engine reads pg_constraint.contype as a single character.
  proto.queryRaw = async function (this: Queryable, query) {
    const out = await queryRaw.call(this, query);
    for (const i of charColumns.get(query) ?? []) out.columnTypes[i] = CHARACTER_COLUMN;
    return out;
  };
}

function poolConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    ssl: u.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
    // Idle pooled connections must not keep the CLI process alive after it finished.
    allowExitOnIdle: true,
  };
}

async function admin(url: string, sql: string) {
  const client = new pg.Client(poolConfig(url));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Sends a migration script in one simple-protocol query instead of split on ";". */
function prepare(adapter: SqlDriverAdapter & { underlyingDriver(): pg.Pool }) {
  patchCatalogTypes(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      // adapter-pg's own mapping of pg errors to Prisma's error kinds
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

export function cliAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(poolConfig(url));
  return {
    provider: "postgres",
    adapterName: main.adapterName,
    connect: async () => prepare(await main.connect()),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const name = `most_shadow_${randomUUID().replaceAll("-", "")}`;
      await admin(url, `CREATE DATABASE "${name}"`);
      const adapter = prepare(await new PrismaPg(poolConfig(url, name)).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

