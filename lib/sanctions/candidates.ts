// Candidate entries for a set of names, from the indexes in PostgreSQL (never a scan in
// JavaScript): names sharing enough phonetic tokens (GIN on tokens) or a similar canonical
// form (trigram GIN on key). Only names of entries in force are candidates.
import "server-only";
import type { Tx } from "../db";
import { nameKeys } from "./match";
import type { Subject } from "./subjects";

/** Trigram similarity of canonical forms that makes a candidate on its own. */
const TRIGRAM_FLOOR = 0.5;

export type CandidateEntry = { id: string; list: string; data: unknown; subjects: Set<number> };

export async function candidatesFor(tx: Tx, subjects: Subject[]): Promise<Map<string, CandidateEntry>> {
  const idx: number[] = [];
  const keys: string[] = [];
  const toks: string[] = [];
  subjects.forEach((s, i) => {
    for (const name of s.subject.names) {
      const k = nameKeys(name, s.subject.kind);
      if (!k.key) continue;
      idx.push(i);
      keys.push(k.key);
      toks.push(k.tokens.join(" "));
    }
  });
  const out = new Map<string, CandidateEntry>();
  if (idx.length === 0) return out;
  await tx.$executeRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(TRIGRAM_FLOOR)}, true)`;
  // Names first (both indexes), then their entries by primary key: joined in one statement,
  // the planner expects many hits and reads every entry in force (a sequential scan of the
  // entries' data) for each organisation screened.
  const hits = await tx.$queryRaw<{ i: number; entryId: string }[]>`
    WITH q AS (
      SELECT u.i, u.k, string_to_array(NULLIF(u.t, ''), ' ') AS t
      FROM UNNEST(${idx}::int[], ${keys}::text[], ${toks}::text[]) AS u(i, k, t)
    )
    SELECT q.i, n."entryId" FROM q JOIN "SanctionsName" n ON n.current AND n.tokens && q.t
      -- Shared tokens (a name's tokens are distinct, so counting them is the intersection).
      WHERE (SELECT count(*) FROM unnest(n.tokens) x WHERE x = ANY(q.t)) >= LEAST(2, cardinality(q.t), cardinality(n.tokens))
    UNION
    SELECT q.i, n."entryId" FROM q JOIN "SanctionsName" n ON n.current AND n.key % q.k`;
  if (hits.length === 0) return out;
  const entryIds = [...new Set(hits.map((h) => h.entryId))];
  const entries = await tx.$queryRaw<{ id: string; list: string; data: unknown }[]>`
    SELECT e.id, e.list, e.data FROM "SanctionsEntry" e WHERE e.id = ANY(${entryIds}::uuid[]) AND e."toVersionId" IS NULL`;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rows = hits.flatMap((h) => {
    const e = byId.get(h.entryId);
    return e ? [{ i: h.i, entryId: e.id, list: e.list, data: e.data }] : [];
  });
  for (const r of rows) {
    const c = out.get(r.entryId) ?? { id: r.entryId, list: r.list, data: r.data, subjects: new Set<number>() };
    c.subjects.add(r.i);
    out.set(r.entryId, c);
  }
  return out;
}
