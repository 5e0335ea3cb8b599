// Records the matches of a batch of screenings in one statement: new ones inserted, known ones
// refreshed, each with its sealed explanation. Called by screen.ts inside its transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import { seal } from "../crypto/envelope";
import type { Tx } from "../db";
import { explanationAad, RISK_LISTS } from "./lists";
import type { EntryScore } from "./match";

export type MatchInput = {
  funderId: string;
  organisationId: string;
  screeningId: string;
  /** The organisation's data key: the explanation names its (possibly protected) person. */
  dataKey: Buffer | null;
  ref: string;
  entryId: string;
  list: string;
  score: EntryScore;
  subjectName: string;
};

export type Recorded = { id: string; inserted: boolean; fresh: boolean };

/**
 * Inserts new matches and refreshes known ones; `fresh`: new, or reopened — a lapsed match
 * found again, or a cleared one now scoring higher (the facts it was cleared on have changed).
 * A refresh of an open (or lapsed) match takes the new score and explanation; a match under
 * review or decided keeps what the reviewers saw. Results in the order of `rows`.
 */
export async function recordMatches(tx: Tx, rows: MatchInput[]): Promise<Recorded[]> {
  if (rows.length === 0) return [];
  const keyOf = (r: { funderId: string; organisationId: string; subjectRef: string; entryId: string }) => `${r.funderId}|${r.organisationId}|${r.subjectRef}|${r.entryId}`;
  const cols = { id: [] as string[], funder: [] as string[], org: [] as string[], entry: [] as string[], ref: [] as string[], score: [] as string[], risk: [] as boolean[], expl: [] as string[], screening: [] as string[] };
  const seen = new Set<string>();
  for (const r of rows) {
    const k = keyOf({ ...r, subjectRef: r.ref });
    if (seen.has(k)) throw new Error(`match ${k} twice in one batch`);
    seen.add(k);
    const explanation = JSON.stringify({ subjectName: r.subjectName, matchedName: r.score.matchedName, reasons: r.score.reasons });
    const aad = explanationAad({ organisationId: r.organisationId, funderId: r.funderId, subjectRef: r.ref, entryId: r.entryId });
    const sealed = r.dataKey ? seal(r.dataKey, Buffer.from(explanation, "utf8"), aad) : Buffer.alloc(0);
    cols.id.push(randomUUID());
    cols.funder.push(r.funderId);
    cols.org.push(r.organisationId);
    cols.entry.push(r.entryId);
    cols.ref.push(r.ref);
    cols.score.push(r.score.score.toFixed(3));
    cols.risk.push(RISK_LISTS.has(r.list));
    cols.expl.push(sealed.toString("base64"));
    cols.screening.push(r.screeningId);
  }
  // The known rows first, locked: what is reported as reopened is what the upsert below sees
  // (a review or a lapse committed meanwhile is waited for and read, never overwritten from an
  // older view). In DO UPDATE every "SanctionsMatch".x is that same row.
  const prior = await tx.$queryRaw<{ funderId: string; organisationId: string; subjectRef: string; entryId: string; status: string; score: string }[]>`
    SELECT m."funderId", m."organisationId", m."subjectRef", m."entryId", m.status::text AS status, m.score::text AS score
    FROM "SanctionsMatch" m
    JOIN UNNEST(${cols.funder}::uuid[], ${cols.org}::uuid[], ${cols.ref}::text[], ${cols.entry}::uuid[]) AS u(f, o, r, e)
      ON m."funderId" = u.f AND m."organisationId" = u.o AND m."subjectRef" = u.r AND m."entryId" = u.e
    ORDER BY m.id
    FOR UPDATE OF m`;
  const priorByKey = new Map(prior.map((p) => [keyOf(p), p]));
  const out = await tx.$queryRaw<{ id: string; funderId: string; organisationId: string; subjectRef: string; entryId: string; inserted: boolean }[]>`
    WITH input AS (
      SELECT * FROM UNNEST(${cols.id}::uuid[], ${cols.funder}::uuid[], ${cols.org}::uuid[], ${cols.entry}::uuid[], ${cols.ref}::text[],
                           ${cols.score}::numeric[], ${cols.risk}::boolean[], ${cols.expl}::text[], ${cols.screening}::uuid[])
        AS u(id, "funderId", "organisationId", "entryId", "subjectRef", score, risk, explanation, "screeningId")
    )
    INSERT INTO "SanctionsMatch" (id, "funderId", "organisationId", "entryId", "subjectRef", score, risk, explanation, "firstScreeningId", "lastScreeningId")
    SELECT id, "funderId", "organisationId", "entryId", "subjectRef", score, risk, decode(explanation, 'base64'), "screeningId", "screeningId" FROM input
    ON CONFLICT ("funderId", "organisationId", "subjectRef", "entryId") DO UPDATE SET
      "lastScreeningId" = EXCLUDED."lastScreeningId",
      score = CASE WHEN "SanctionsMatch".status IN ('OPEN', 'LAPSED') OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN EXCLUDED.score ELSE "SanctionsMatch".score END,
      explanation = CASE WHEN "SanctionsMatch".status IN ('OPEN', 'LAPSED') OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN EXCLUDED.explanation ELSE "SanctionsMatch".explanation END,
      status = CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN 'OPEN'::"MatchStatus" ELSE "SanctionsMatch".status END,
      "proposedById" = CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN NULL ELSE "SanctionsMatch"."proposedById" END,
      "proposedAt" = CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN NULL ELSE "SanctionsMatch"."proposedAt" END,
      reason = CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN NULL ELSE "SanctionsMatch".reason END,
      "decidedById" = CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN NULL ELSE "SanctionsMatch"."decidedById" END,
      "decidedAt" = CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN NULL ELSE "SanctionsMatch"."decidedAt" END,
      -- A refresh does not make a reviewer's open form stale; reopening does.
      version = "SanctionsMatch".version + CASE WHEN "SanctionsMatch".status = 'LAPSED' OR ("SanctionsMatch".status = 'CLEARED' AND EXCLUDED.score > "SanctionsMatch".score) THEN 1 ELSE 0 END
    RETURNING id, "funderId", "organisationId", "subjectRef", "entryId", (xmax = 0) AS inserted`;
  const byKey = new Map(out.map((r) => [keyOf(r), r]));
  return rows.map((r, n) => {
    const key = keyOf({ ...r, subjectRef: r.ref });
    const row = byKey.get(key);
    if (!row) throw new Error("a sanctions match was not recorded");
    const was = priorByKey.get(key);
    // The same rule as the upsert's: lapsed, or cleared and now scoring higher.
    const reopened = !!was && (was.status === "LAPSED" || (was.status === "CLEARED" && Number(cols.score[n]) > Number(was.score)));
    return { id: row.id, inserted: row.inserted, fresh: row.inserted || reopened };
  });
}
