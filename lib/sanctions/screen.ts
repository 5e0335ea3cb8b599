// Screens an organisation against every list in force and records the result. Runs on
// submission, before a decision or payment is approved (inline), and from the worker's sweep
// for organisations changed since, or not yet screened against a new list version.
import "server-only";
import { randomUUID } from "node:crypto";
import type { SanctionsTrigger } from "@prisma/client";
import type { AuditInput } from "../audit/write";
import { writeAuditMany } from "../audit/write-many";
import { db, Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { logError } from "../log";
import { funderStaff, notify } from "../notifications/notify";
import { openPayeeDetails } from "../bank/accounts-seal";
import { dataKeyOf, openIdentityWith } from "../organisations/identity";
import { candidatesFor, nameIndexFor } from "./candidates";
import { RISK_LISTS, sanctionsErrorCode } from "./lists";
import { recordMatches, type MatchInput } from "./record-matches";
import { prepareSubject, scoreEntry, type EntryScore } from "./match";
import { subjectsOf } from "./subjects";


/** Funders each organisation has applied to (beyond a draft), with their review thresholds. */
async function fundersOf(tx: Tx, organisationIds: string[]) {
  const rows = await tx.$queryRaw<{ organisationId: string; id: string; threshold: Prisma.Decimal }[]>`
    SELECT DISTINCT a."organisationId", f.id, f."screeningThreshold" AS threshold
    FROM "Application" a JOIN "Funder" f ON f.id = a."funderId"
    WHERE a."organisationId" = ANY(${organisationIds}::uuid[]) AND a.status <> 'DRAFT'`;
  const out = new Map<string, { id: string; threshold: number }[]>();
  for (const r of rows) out.set(r.organisationId, [...(out.get(r.organisationId) ?? []), { id: r.id, threshold: Number(r.threshold) }]);
  return out;
}

type Hit = { ref: string; entryId: string; list: string; score: EntryScore; subjectName: string };

export type ScreeningOutcome = { screeningId: string; hits: number; newMatches: number; maxScore: number };
type Item = { organisationId: string; trigger: SanctionsTrigger };

/** The candidate index of the list versions in force now (built when they changed). */
async function indexInForce() {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT v AS id FROM most_sanctions_versions_in_force() v`;
  return nameIndexFor(rows.map((r) => r.id));
}

export async function screenOrganisation(organisationId: string, trigger: SanctionsTrigger): Promise<ScreeningOutcome> {
  const loaded = await indexInForce();
  return db.$transaction(async (tx) => (await screenMany(tx, loaded, [{ organisationId, trigger }]))[0]!, { timeout: 60_000 });
}

/**
 * Screens each organisation and records one screening, its matches and its audit events per
 * organisation, in the caller's transaction; reads and candidate searches are shared by all.
 * Recorded against the versions the index was built from (the lists actually searched).
 */
async function screenMany(tx: Tx, loaded: Awaited<ReturnType<typeof nameIndexFor>>, items: Item[]): Promise<ScreeningOutcome[]> {
  const ids = items.map((i) => i.organisationId);
  const orgs = new Map((await tx.organisation.findMany({
    where: { id: { in: ids } },
    include: { key: true, payeeAccounts: { where: { retiredAt: null }, select: { id: true, organisationId: true, details: true } } },
  })).map((o) => [o.id, o]));
  const work = items.map((item) => {
    const org = orgs.get(item.organisationId);
    if (!org) throw new Error(`organisation ${item.organisationId} not found for screening`);
    const dataKey = dataKeyOf(org.id, org.key ?? undefined);
    const identity = openIdentityWith(org, dataKey);
    // An identity that exists must be screened: a missing key share is an outage, never a pass.
    if (org.identity && !org.key?.destroyedAt && !identity) throw new Error(`the identity of organisation ${org.id} could not be opened for screening`);
    // Whoever holds an account the organisation may be paid to is screened too (issue 15).
    const holders = dataKey ? org.payeeAccounts.map((a) => ({ accountId: a.id, name: openPayeeDetails(dataKey, a).holderName })) : [];
    if (org.payeeAccounts.length > 0 && !dataKey && !org.key?.destroyedAt) throw new Error(`the payee accounts of organisation ${org.id} could not be opened for screening`);
    const subjects = subjectsOf(org.publicName, identity, holders);
    return { item, org, dataKey, subjects, prepared: subjects.map((s) => prepareSubject(s.subject)) };
  });
  const { versionIds, index } = loaded;
  const found = versionIds.length ? await candidatesFor(tx, index, work) : { perSet: work.map((w) => w.subjects.map(() => new Map<string, Set<string> | null>())), entries: new Map() };
  const funders = await fundersOf(tx, ids);
  const lapsing = await openMatchesOfEndedEntries(tx, ids);
  const screenings: Prisma.SanctionsScreeningCreateManyInput[] = [];
  const matches: MatchInput[] = [];
  const done = work.map((w, k) => {
    const hits: Hit[] = [];
    const candidates = new Set<string>();
    found.perSet[k]!.forEach((entryNames, i) => {
      const s = w.subjects[i]!;
      for (const [id, names] of entryNames) {
        const c = found.entries.get(id);
        if (!c) continue;
        candidates.add(id);
        const score = scoreEntry(w.prepared[i]!, c.prepared, names ?? undefined);
        hits.push({ ref: s.ref, entryId: id, list: c.list, score, subjectName: score.subjectName ?? s.subject.names[0]! });
      }
    });
    const orgFunders = funders.get(w.org.id) ?? [];
    const screeningId = randomUUID();
    const maxScore = hits.reduce((m, h) => Math.max(m, h.score.score), 0);
    screenings.push({
      id: screeningId, organisationId: w.org.id, organisationVersion: w.org.version, trigger: w.item.trigger, versionIds,
      subjects: w.subjects.reduce((n, s) => n + s.subject.names.length, 0), candidates: candidates.size,
      hits: hits.filter((h) => orgFunders.some((f) => h.score.score >= f.threshold)).length,
      maxScore: new Prisma.Decimal(maxScore.toFixed(3)),
    });
    for (const f of orgFunders) {
      for (const h of hits) {
        if (h.score.score >= f.threshold) matches.push({ funderId: f.id, organisationId: w.org.id, screeningId, dataKey: w.dataKey, ...h });
      }
    }
    return { w, screeningId, candidates: candidates.size, outcome: { screeningId, hits: hits.length, newMatches: 0, maxScore } };
  });
  // Screenings first: the matches refer to them.
  await tx.sanctionsScreening.createMany({ data: screenings });
  const recorded = await recordMatches(tx, matches);
  const officers = new Map<string, Promise<string[]>>();
  const audit: AuditInput[] = [];
  const byOrg = new Map(done.map((d) => [d.w.org.id, d]));
  for (const [n, m] of matches.entries()) {
    const r = recorded[n]!;
    if (!r.fresh) continue;
    const d = byOrg.get(m.organisationId)!;
    d.outcome.newMatches++;
    audit.push({
      action: "sanctions.matchFound", entityType: "SanctionsMatch", entityId: r.id, funderId: m.funderId, organisationId: m.organisationId,
      after: { screeningId: m.screeningId, entryId: m.entryId, list: m.list, subject: m.ref, score: m.score.score.toFixed(3), risk: RISK_LISTS.has(m.list), reopened: !r.inserted },
    });
    if (!RISK_LISTS.has(m.list)) {
      if (!officers.has(m.funderId)) officers.set(m.funderId, funderStaff(tx, m.funderId, ["OFFICER"]));
      await notify(tx, await officers.get(m.funderId)!, { kind: "SANCTIONS_MATCH", link: "/staff/sanctions", params: { organisation: d.w.org.codename }, dedupeKey: `sanctions-match:${m.funderId}:${m.organisationId}:${m.entryId}` });
    }
  }
  const seen = new Set(matches.map((m) => `${m.funderId}|${m.organisationId}|${m.ref}|${m.entryId}`));
  for (const d of done) {
    const orgId = d.w.org.id;
    audit.push(...(await lapse(tx, orgId, d.screeningId, (lapsing.get(orgId) ?? []).filter((m) => !seen.has(`${m.funderId}|${orgId}|${m.subjectRef}|${m.entryId}`)))));
    audit.push({
      action: "sanctions.screened", entityType: "Organisation", entityId: orgId, organisationId: orgId,
      after: { screeningId: d.screeningId, trigger: d.w.item.trigger, versionIds, subjects: d.w.subjects.length, candidates: d.candidates, maxScore: d.outcome.maxScore.toFixed(3), newMatches: d.outcome.newMatches },
    });
  }
  // In a few statements per stream: one event per match found and per organisation screened.
  await writeAuditMany(tx, null, audit);
  return done.map((d) => d.outcome);
}

/**
 * Open matches whose listed entry is no longer in force (delisted, or replaced by a changed
 * entry, which is matched afresh): they lapse unless found again. A match whose name or key
 * person was removed stays open: removing a person must not be a way around the review (an
 * officer clears it).
 */
async function openMatchesOfEndedEntries(tx: Tx, organisationIds: string[]) {
  const open = await tx.sanctionsMatch.findMany({
    where: { organisationId: { in: organisationIds }, status: "OPEN", entry: { toVersionId: { not: null } } },
    select: { id: true, organisationId: true, funderId: true, subjectRef: true, entryId: true },
  });
  const out = new Map<string, typeof open>();
  for (const m of open) out.set(m.organisationId, [...(out.get(m.organisationId) ?? []), m]);
  return out;
}

async function lapse(tx: Tx, organisationId: string, screeningId: string, lapsed: { id: string; funderId: string; entryId: string }[]): Promise<AuditInput[]> {
  if (lapsed.length === 0) return [];
  await tx.sanctionsMatch.updateMany({ where: { id: { in: lapsed.map((m) => m.id) }, status: "OPEN" }, data: { status: "LAPSED", lastScreeningId: screeningId, version: { increment: 1 } } });
  return lapsed.map((m) => ({ action: "sanctions.lapsed", entityType: "SanctionsMatch", entityId: m.id, funderId: m.funderId, organisationId, after: { screeningId, entryId: m.entryId } }));
}

/**
 * Inside the approving transaction: the database's own check (most_sanctions_check), turned
 * into a message the approver reads. The triggers run it again on the row itself.
 */
export async function assertSanctionsClear(tx: Tx, organisationId: string, funderId: string) {
  // Validated by env() at start; read each time so an operator's change needs no restart.
  const required = (process.env.MOST_SANCTIONS_REQUIRED_LISTS ?? "").split(",").map((l) => l.trim()).filter(Boolean);
  if (required.length) {
    const present = await tx.sanctionsListVersion.findMany({ where: { list: { in: required } }, distinct: ["list"], select: { list: true } });
    const missing = required.filter((l) => !present.some((p) => p.list === l));
    // Screened against nothing is not screened: no award or payment until the lists are in.
    if (missing.length) throw new AppError("sanctionsListsMissing", undefined, { lists: missing.join(", ") });
  }
  try {
    await tx.$executeRaw`SELECT most_sanctions_check(${organisationId}::uuid, ${funderId}::uuid)`;
  } catch (e) {
    const code = sanctionsErrorCode(e);
    if (code) throw new AppError(code);
    throw e;
  }
}


/** Organisations screened in one transaction by the sweep (one candidate search, one read each). */
const SWEEP_BATCH = 100;
const SWEEP_PARALLEL = 2;
/** Organisations one call of the sweep takes on (the worker calls it until fewer are left). */
export const SWEEP_LIMIT = 1000;

/** screenStale round after round until a round finds fewer than it may take (the command line's sweep). */
export async function screenAllStale(): Promise<{ screened: number; failed: number }> {
  const total = { screened: 0, failed: 0 };
  for (;;) {
    const r = await screenStale();
    total.screened += r.screened;
    total.failed += r.failed;
    if (r.screened + r.failed < SWEEP_LIMIT || r.screened === 0) return total;
  }
}

/**
 * The worker's sweep: organisations with an application beyond a draft whose newest
 * screening is not of their current version against every list version in force.
 */
export async function screenStale(limit = SWEEP_LIMIT): Promise<{ screened: number; failed: number }> {
  const rows = await db.$queryRaw<{ id: string; never: boolean; changed: boolean }[]>`
    WITH v AS (SELECT array_agg(x) AS ids FROM most_sanctions_versions_in_force() x)
    SELECT o.id, last.id IS NULL AS never, (last.id IS NOT NULL AND last."organisationVersion" <> o.version) AS changed
    FROM "Organisation" o CROSS JOIN v
    LEFT JOIN LATERAL (SELECT s.id, s."organisationVersion", s."versionIds" FROM "SanctionsScreening" s WHERE s."organisationId" = o.id ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1) last ON true
    WHERE EXISTS (SELECT 1 FROM "Application" a WHERE a."organisationId" = o.id AND a.status <> 'DRAFT')
      AND (last.id IS NULL OR last."organisationVersion" <> o.version OR NOT (COALESCE(v.ids, '{}') <@ last."versionIds"))
    -- In no fixed order: organisations that keep failing must not hold back the others.
    ORDER BY random() LIMIT ${limit}`;
  let screened = 0;
  let failed = 0;
  const items = rows.map((r): Item => ({ organisationId: r.id, trigger: r.never ? "SUBMISSION" : r.changed ? "CHANGE" : "LIST_UPDATE" }));
  const batches: Item[][] = [];
  for (let at = 0; at < items.length; at += SWEEP_BATCH) batches.push(items.slice(at, at + SWEEP_BATCH));
  // Two batches in flight: one is scored in JavaScript while the other waits for PostgreSQL.
  // Their audit heads are locked in one order (writeAuditMany), and their organisations differ.
  const next = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      try {
        const loaded = await indexInForce();
        await db.$transaction((tx) => screenMany(tx, loaded, batch), { timeout: 120_000 });
        screened += batch.length;
      } catch (e) {
        // One organisation's failure (a missing key share…) must not hold back the others.
        logError(`a sanctions sweep batch of ${batch.length} failed; screening them one by one`, e);
        for (const item of batch) {
          try {
            await screenOrganisation(item.organisationId, item.trigger);
            screened++;
          } catch (e) {
            failed++;
            logError(`sanctions screening of ${item.organisationId} failed`, e);
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: SWEEP_PARALLEL }, next));
  return { screened, failed };
}

/**
 * After a submission or a change of names or key people: screened now when the organisation
 * has applied anywhere; a failure is logged and left to the worker's sweep (and the check
 * before any approval), never shown to the applicant.
 */
export async function screenSoon(organisationId: string, trigger: SanctionsTrigger) {
  try {
    const applied = await db.application.findFirst({ where: { organisationId, status: { not: "DRAFT" } }, select: { id: true } });
    if (applied) await screenOrganisation(organisationId, trigger);
  } catch (e) {
    logError(`sanctions screening of ${organisationId} failed`, e);
  }
}
