// One import's writes, a batch of entries at a time (lib/sanctions/import.ts holds the
// transaction). Each entry is turned into its canonical JSON once: that text is hashed and is
// the stored data. The diff is worked out in SQL from the hashes of the rows in force (no map
// of the list in memory), and a batch's entries and names go in one statement whose single
// parameter is a JSON array (jsonb_to_recordset), not one array per column.
import "server-only";
import type { Tx } from "../db";
import { nameKeys } from "./match";
import { canonicalHash, canonicalJson, primaryName } from "./lists";
import type { ListEntry } from "./types";

export const BATCH = 100;

/** An entry as it is written: its canonical JSON and that text's hash. */
export type Prepared = { entry: ListEntry; json: string; hash: string };

export function prepareEntry(entry: ListEntry): Prepared {
  const json = canonicalJson(entry);
  return { entry, json, hash: canonicalHash(json) };
}

/**
 * Writes a batch as part of version `versionId`: an entry whose row in force has the same hash
 * is left alone; a changed one ends its old row (and its names) before the new row starts, so
 * one row per entry is in force (SanctionsEntry_one_current).
 */
export async function writeBatch(tx: Tx, list: string, versionId: string, batch: Prepared[]): Promise<{ added: number; changed: number }> {
  if (batch.length === 0) return { added: 0, changed: 0 };
  const inForce = await tx.$queryRaw<{ id: string; sid: string; same: boolean }[]>`
    SELECT e.id, e."sourceId" AS sid, e."contentHash" = b.hash AS same
    FROM jsonb_to_recordset(${JSON.stringify(batch.map((b) => ({ sid: b.entry.sourceId, hash: b.hash })))}::jsonb) AS b(sid text, hash text)
    JOIN "SanctionsEntry" e ON e.list = ${list} AND e."sourceId" = b.sid AND e."toVersionId" IS NULL`;
  const was = new Map(inForce.map((r) => [r.sid, r]));
  const replaced = inForce.filter((r) => !r.same).map((r) => r.id);
  await endEntries(tx, replaced, versionId);
  const rows = batch.filter((b) => !was.get(b.entry.sourceId)?.same).map(rowJson);
  if (rows.length > 0) {
    // The names' foreign key is checked at the end of the statement, after the entries' insert.
    await tx.$executeRaw`
      WITH r AS MATERIALIZED (
        SELECT gen_random_uuid() AS id, r.* FROM jsonb_to_recordset(${`[${rows.join(",")}]`}::jsonb)
          AS r(sid text, kind text, hash text, pname text, data jsonb, names jsonb)
      ), entries AS (
        INSERT INTO "SanctionsEntry" (id, list, "sourceId", kind, "contentHash", "primaryName", data, "fromVersionId")
        SELECT id, ${list}, sid, kind, hash, pname, data, ${versionId}::uuid FROM r
      )
      INSERT INTO "SanctionsName" ("entryId", "full", script, lang, weak, "primary", key, tokens)
      SELECT r.id, n.f, n.s, n.l, n.w, n.p, n.k, n.t FROM r, jsonb_to_recordset(r.names) AS n(f text, s text, l text, w boolean, p boolean, k text, t text[])`;
  }
  return { added: batch.length - inForce.length, changed: replaced.length };
}

/** One row of the batch's JSON parameter; the entry's canonical JSON goes in as it is. */
function rowJson(b: Prepared): string {
  const kind = b.entry.kind === "person" ? "person" : "organisation";
  const names = b.entry.names.map((n) => {
    const k = nameKeys(n.full, kind);
    // Tokens as stored before (a Postgres array literal of quoted tokens): without `"` and `\`.
    return { f: n.full, s: n.script, l: n.lang ?? null, w: n.weak, p: n.primary, k: k.key, t: k.tokens.map((t) => t.replace(/["\\]/g, "")) };
  });
  return `{"sid":${JSON.stringify(b.entry.sourceId)},"kind":${JSON.stringify(b.entry.kind)},"hash":"${b.hash}","pname":${JSON.stringify(primaryName(b.entry))},"data":${b.json},"names":${JSON.stringify(names)}}`;
}

/** Ends rows in force (a changed entry's old row); their names stop being candidates. */
async function endEntries(tx: Tx, ids: string[], versionId: string) {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    WITH ended AS (UPDATE "SanctionsEntry" SET "toVersionId" = ${versionId}::uuid WHERE id = ANY(${ids}::uuid[]) RETURNING id)
    UPDATE "SanctionsName" n SET current = false FROM ended WHERE n."entryId" = ended.id`;
}

/**
 * Ends every row in force of the list that the new version does not hold (`seen`: its source
 * ids) and was not written by it; returns how many.
 */
export async function endRemoved(tx: Tx, list: string, versionId: string, seen: string[]): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    WITH ended AS (
      UPDATE "SanctionsEntry" SET "toVersionId" = ${versionId}::uuid
      WHERE list = ${list} AND "toVersionId" IS NULL AND "fromVersionId" <> ${versionId}::uuid AND NOT ("sourceId" = ANY(${seen}::text[]))
      RETURNING id
    ), names AS (
      UPDATE "SanctionsName" n SET current = false FROM ended WHERE n."entryId" = ended.id
    )
    SELECT count(*)::int AS n FROM ended`;
  return row?.n ?? 0;
}
