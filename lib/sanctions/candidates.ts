// Candidate entries for the names screened: looked up in a per-process index of every listed
// name in force (name-index.ts), built from PostgreSQL once per set of list versions, then the
// candidates' entries read by id. Per process and derived only from the database, so any
// number of web and worker processes each keep their own.
import "server-only";
import { db, Prisma, type Tx } from "../db";
import { NameIndex } from "./name-index";
import { prepareEntry, type PreparedEntry, type PreparedSubject } from "./match";
import type { ListEntry } from "./types";

type Loaded = { versionIds: string[]; index: NameIndex };

const keyOf = (ids: string[]) => [...ids].sort().join(",");
let current: Loaded | null = null;
let loading: { key: string; promise: Promise<Loaded> } | null = null;

/** Everything in force, read in one snapshot so the names and versions agree. */
async function load(): Promise<Loaded> {
  return db.$transaction(
    async (tx) => {
      const versions = await tx.$queryRaw<{ id: string }[]>`SELECT v AS id FROM most_sanctions_versions_in_force() v`;
      const names = await tx.$queryRaw<{ entryId: string; full: string; key: string; tokens: string; person: boolean }[]>`
        SELECT n."entryId", n."full", n.key, array_to_string(n.tokens, ' ') AS tokens, e.kind = 'person' AS person
        FROM "SanctionsName" n JOIN "SanctionsEntry" e ON e.id = n."entryId" AND e."toVersionId" IS NULL
        WHERE n.current AND n.key <> ''`;
      const identifiers = await tx.$queryRaw<{ entryId: string; value: string }[]>`
        SELECT e.id AS "entryId", i->>'value' AS value
        FROM "SanctionsEntry" e, jsonb_array_elements(COALESCE(e.data->'identifiers', '[]'::jsonb)) i
        WHERE e."toVersionId" IS NULL AND i->>'value' IS NOT NULL`;
      const index = new NameIndex(
        names.map((n) => ({ entryId: n.entryId, full: n.full, key: n.key, tokens: n.tokens ? n.tokens.split(" ") : [], person: n.person })),
        identifiers,
      );
      return { versionIds: versions.map((v) => v.id), index };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000 },
  );
}

/**
 * The index for the versions in force: the cached one when it was built from exactly these,
 * else a fresh one (one load at a time per process). Its `versionIds` are what a screening
 * records: during an import they may be newer than the caller read, never older than the
 * index's own names.
 */
export async function nameIndexFor(versionIds: string[]): Promise<Loaded> {
  const want = keyOf(versionIds);
  if (current && keyOf(current.versionIds) === want) return current;
  if (!loading || loading.key !== want) {
    const promise = load().then((l) => {
      // A slower, older load finishing later does not replace a newer index.
      if (loading?.promise === promise) current = l;
      return l;
    });
    loading = { key: want, promise };
    promise.finally(() => {
      if (loading?.promise === promise) loading = null;
    }).catch(() => undefined);
  }
  return loading.promise;
}

export type CandidateEntry = { list: string; prepared: PreparedEntry };

/**
 * Entries prepared for scoring (transliterated, keyed), by id: an entry row never changes (a
 * changed entry is a new row), and the same common names are candidates for many
 * organisations in a sweep. Bounded: emptied when full.
 */
const prepared = new Map<string, CandidateEntry>();
const PREPARED_MAX = 50_000;

/**
 * Candidates per subject of each screened set (an organisation's subjects, prepared), and the
 * entries they name: those not prepared yet read once for all sets. Entries come from the
 * index's versions (an entry found there and ended since makes the index stale, and the
 * screening records the index's versions, which are then no longer all in force).
 */
export async function candidatesFor(tx: Tx, index: NameIndex, sets: { prepared: PreparedSubject[] }[]) {
  const perSet = sets.map((s) => s.prepared.map((p) => index.lookup(p.names, p.identifierKeys.map((k) => k.value))));
  const ids = [...new Set(perSet.flatMap((subjects) => subjects.flatMap((c) => [...c.keys()])))];
  const entries = new Map<string, CandidateEntry>();
  if (ids.length === 0) return { perSet, entries };
  // Which are still in force (an import since the index was built ends some: those are not
  // scored, and the screening, recorded against the index's versions, is stale anyway), and
  // the data of those not prepared yet. Taken into a local map before any wait: the shared
  // cache may be emptied meanwhile by another screening.
  const cached = new Map(ids.flatMap((id) => { const e = prepared.get(id); return e ? [[id, e] as const] : []; }));
  const missing = ids.filter((id) => !cached.has(id));
  const rows = await tx.$queryRaw<{ id: string; list: string; data: ListEntry | null }[]>`
    SELECT e.id, e.list, CASE WHEN e.id = ANY(${missing}::uuid[]) THEN e.data END AS data
    FROM "SanctionsEntry" e WHERE e.id = ANY(${ids}::uuid[]) AND e."toVersionId" IS NULL`;
  if (prepared.size + missing.length > PREPARED_MAX) prepared.clear();
  for (const r of rows) {
    let e = cached.get(r.id);
    if (!e) {
      if (!r.data) throw new Error(`sanctions entry ${r.id} has no data`);
      e = { list: r.list, prepared: prepareEntry(r.data) };
      prepared.set(r.id, e);
    }
    entries.set(r.id, e);
  }
  return { perSet, entries };
}
