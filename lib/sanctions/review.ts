// The review of potential matches, with four eyes: an officer proposes "false positive" or
// "true match" with a reason, an approver (never the proposer) confirms or returns it. A
// confirmed match suspends the funder's active grants to the organisation and tells the
// funder's admins; until cleared, the database refuses awards and payments to it.
import "server-only";
import type { MatchStatus } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { canAtFunder, funderIdsWith, roleGranting } from "../auth/permissions";
import { requireRecentSecondFactor, STEP_UP_MINUTES } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import { open } from "../crypto/envelope";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { funderStaff, notify } from "../notifications/notify";
import { organisationDataKey } from "../organisations/identity";
import { explanationAad } from "./lists";
import type { EntryScore } from "./match";
import type { ListEntry } from "./types";

/** What a match's subject is, for the page (its name stays sealed in the explanation). */
const subjectKind = (ref: string) => (ref === "organisation" ? "organisation" : ref.startsWith("account-holder:") ? "accountHolder" : "keyPerson") as QueueRow["subject"];

const IN_QUEUE: MatchStatus[] = ["OPEN", "CLEAR_PROPOSED", "MATCH_PROPOSED", "CONFIRMED"];

export type QueueRow = {
  id: string;
  funderId: string;
  status: MatchStatus;
  score: string;
  risk: boolean;
  list: string;
  /** Null for a protected organisation (the match page shows it to those entitled). */
  listedName: string | null;
  listedKind: string;
  subject: "organisation" | "keyPerson";
  organisation: string;
  proposedByMe: boolean;
  reason: string | null;
  version: number;
  createdAt: Date;
};

/** Matches for the funders where the actor may see them; the organisation by codename. */
export async function listSanctionsQueue(actor: Actor, opts: { include?: MatchStatus[] } = {}): Promise<QueueRow[]> {
  const funderIds = funderIdsWith(actor, "sanctions.view");
  if (funderIds.length === 0) throw new AppError("forbidden");
  const rows = await db.sanctionsMatch.findMany({
    // Risk-context rows are not review work: the application page shows them.
    where: { funderId: { in: funderIds }, status: { in: opts.include ?? IN_QUEUE }, risk: false },
    orderBy: [{ score: "desc" }, { createdAt: "asc" }],
    take: 500,
    include: { entry: { select: { list: true, primaryName: true, kind: true } }, organisation: { select: { codename: true, isProtected: true } } },
  });
  return rows.map((m) => ({
    id: m.id,
    funderId: m.funderId,
    status: m.status,
    score: m.score.toFixed(2),
    risk: m.risk,
    list: m.entry.list,
    // Who a protected organisation's person may be is its side of the match: not in the queue.
    listedName: m.organisation.isProtected ? null : m.entry.primaryName,
    listedKind: m.entry.kind,
    subject: subjectKind(m.subjectRef),
    organisation: m.organisation.codename,
    proposedByMe: m.proposedById === actor.userId,
    reason: m.reason,
    version: m.version,
    createdAt: m.createdAt,
  }));
}

export type MatchDetail = QueueRow & {
  /** Null when the organisation's side is hidden: the listed entry would tell who matched. */
  entry: ListEntry | null;
  explanation: Explanation;
  /** Why the organisation's own side is not shown: protected, and not its lead officer (or no fresh second factor). */
  subjectHidden: "protected" | "stepUp" | null;
  canPropose: boolean;
  canDecide: boolean;
};

const freshSecondFactor = (actor: Actor) => !!actor.mfaVerifiedAt && Date.now() - actor.mfaVerifiedAt.getTime() <= STEP_UP_MINUTES * 60_000;

/**
 * Who may see a protected organisation's side of a match (its names, its people, the listed
 * entry they matched): the lead officer of one of its applications at the funder, and the
 * funder's approvers (who decide), each with a fresh second factor; each view is audited.
 * Everyone else reviews nothing of it: they see the codename, the score and the reason codes.
 */
async function entitlement(tx: Tx, actor: Actor, m: { organisationId: string; funderId: string; organisation: { isProtected: boolean } }) {
  if (!m.organisation.isProtected) return { entitled: true, hidden: null };
  const lead = await tx.application.findFirst({ where: { organisationId: m.organisationId, funderId: m.funderId, leadOfficerId: actor.userId }, select: { id: true } });
  const eligible = !!lead || canAtFunder(actor, "sanctions.decide", m.funderId);
  if (!eligible) return { entitled: false, hidden: "protected" as const };
  return freshSecondFactor(actor) ? { entitled: true, hidden: null } : { entitled: false, hidden: "stepUp" as const };
}

/** One match with its explanation (see entitlement for a protected organisation). */
export async function viewSanctionsMatch(actor: Actor, matchId: string): Promise<MatchDetail> {
  return db.$transaction(async (tx) => {
    const m = await tx.sanctionsMatch.findUnique({
      where: { id: matchId },
      include: { entry: true, organisation: { select: { codename: true, isProtected: true } } },
    });
    if (!m || !canAtFunder(actor, "sanctions.view", m.funderId)) throw new AppError("notFound");
    const { entitled, hidden } = await entitlement(tx, actor, m);
    const opened = await openExplanation(tx, m);
    // Not entitled: the reason codes only (no compared values, no matched name).
    const explanation: Explanation = entitled ? opened : { subjectName: null, reasons: opened.reasons.map((r) => ({ code: r.code })) };
    if (entitled && m.organisation.isProtected) {
      await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "sanctions.view", m.funderId) }, {
        action: "sanctions.matchViewed", entityType: "SanctionsMatch", entityId: m.id, funderId: m.funderId, organisationId: m.organisationId,
      });
    }
    return {
      id: m.id, funderId: m.funderId, status: m.status, score: m.score.toFixed(2), risk: m.risk,
      list: m.entry.list, listedName: entitled ? m.entry.primaryName : null, listedKind: m.entry.kind,
      subject: subjectKind(m.subjectRef),
      organisation: m.organisation.codename, proposedByMe: m.proposedById === actor.userId, reason: m.reason, version: m.version, createdAt: m.createdAt,
      // Not entitled: the organisation's side (and the entry it matched) is left out here, not
      // only on the page; the reason codes alone say nothing about who matched.
      entry: entitled ? (m.entry.data as unknown as ListEntry) : null,
      explanation,
      subjectHidden: hidden,
      // A review needs what is being reviewed: nobody proposes or decides blind.
      canPropose: entitled && m.status === "OPEN" && !m.risk && canAtFunder(actor, "sanctions.review", m.funderId),
      canDecide: entitled && (m.status === "CLEAR_PROPOSED" || m.status === "MATCH_PROPOSED") && m.proposedById !== actor.userId && canAtFunder(actor, "sanctions.decide", m.funderId),
    };
  });
}

type Explanation = { matchedName?: string; reasons: EntryScore["reasons"]; subjectName: string | null };

async function openExplanation(tx: Tx, m: { organisationId: string; funderId: string; subjectRef: string; entryId: string; explanation: Uint8Array }): Promise<Explanation> {
  const empty: Explanation = { reasons: [], subjectName: null };
  if (m.explanation.length === 0) return empty;
  const key = await organisationDataKey(tx, m.organisationId);
  if (!key) return empty; // erased
  return JSON.parse(open(key, Buffer.from(m.explanation), explanationAad(m)).toString("utf8")) as Explanation;
}

/** Locked; the permission is checked before the version, so a stranger learns nothing. */
async function lockMatch(tx: Tx, actor: Actor, input: { matchId: string; version: number }, permission: "sanctions.review" | "sanctions.decide") {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SanctionsMatch" WHERE id = ${input.matchId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("notFound");
  const m = await tx.sanctionsMatch.findUniqueOrThrow({ where: { id: input.matchId }, include: { organisation: { select: { isProtected: true } } } });
  if (!canAtFunder(actor, permission, m.funderId)) throw new AppError("notFound");
  if (m.version !== input.version) throw new AppError("staleVersion");
  const { entitled, hidden } = await entitlement(tx, actor, m);
  if (!entitled) throw new AppError(hidden === "stepUp" ? "stepUpRequired" : "forbidden");
  return m;
}

/** The officer's step: "false positive" (clear) or "true match", with a reason. */
export async function proposeSanctionsOutcome(actor: Actor, input: { matchId: string; version: number; outcome: "clear" | "match"; reason: string }) {
  return db.$transaction(async (tx) => {
    const m = await lockMatch(tx, actor, input, "sanctions.review");
    if (m.status !== "OPEN" || m.risk) throw new AppError("invalidTransition");
    const status = input.outcome === "clear" ? "CLEAR_PROPOSED" : "MATCH_PROPOSED";
    await tx.sanctionsMatch.update({
      where: { id: m.id },
      data: { status, proposedById: actor.userId, proposedAt: new Date(), reason: input.reason, version: { increment: 1 } },
    });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "sanctions.review", m.funderId) }, {
      action: input.outcome === "clear" ? "sanctions.clearProposed" : "sanctions.matchProposed",
      entityType: "SanctionsMatch", entityId: m.id, funderId: m.funderId, organisationId: m.organisationId,
      before: { status: m.status }, after: { status, reason: input.reason },
    });
  });
}

/** The approver's step: confirm the officer's proposal, or return it to the queue. */
export async function decideSanctionsOutcome(actor: Actor, input: { matchId: string; version: number; accept: boolean }) {
  return db.$transaction(async (tx) => {
    const m = await lockMatch(tx, actor, input, "sanctions.decide");
    if (m.status !== "CLEAR_PROPOSED" && m.status !== "MATCH_PROPOSED") throw new AppError("invalidTransition");
    if (m.proposedById === actor.userId) throw new AppError("fourEyes");
    requireRecentSecondFactor(actor);
    const role = { userId: actor.userId, role: roleGranting(actor, "sanctions.decide", m.funderId) };
    if (!input.accept) {
      await tx.sanctionsMatch.update({ where: { id: m.id }, data: { status: "OPEN", proposedById: null, proposedAt: null, reason: null, version: { increment: 1 } } });
      await writeAudit(tx, role, { action: "sanctions.proposalReturned", entityType: "SanctionsMatch", entityId: m.id, funderId: m.funderId, organisationId: m.organisationId, before: { status: m.status, reason: m.reason } });
      return;
    }
    const status = m.status === "CLEAR_PROPOSED" ? "CLEARED" : "CONFIRMED";
    await tx.sanctionsMatch.update({ where: { id: m.id }, data: { status, decidedById: actor.userId, decidedAt: new Date(), version: { increment: 1 } } });
    await writeAudit(tx, role, {
      action: status === "CLEARED" ? "sanctions.cleared" : "sanctions.confirmed",
      entityType: "SanctionsMatch", entityId: m.id, funderId: m.funderId, organisationId: m.organisationId,
      before: { status: m.status }, after: { status, reason: m.reason },
    });
    if (status === "CONFIRMED") await suspendGrants(tx, role, m);
  });
}

async function suspendGrants(tx: Tx, role: { userId: string; role: string | null }, m: { id: string; funderId: string; organisationId: string }) {
  const grants = await tx.grant.findMany({ where: { funderId: m.funderId, organisationId: m.organisationId, status: "ACTIVE" }, select: { id: true, number: true } });
  for (const g of grants) {
    await tx.grant.update({ where: { id: g.id }, data: { status: "SUSPENDED", version: { increment: 1 } } });
    await writeAudit(tx, role, {
      action: "grant.statusChanged", entityType: "Grant", entityId: g.id, funderId: m.funderId, organisationId: m.organisationId,
      before: { status: "ACTIVE" }, after: { status: "SUSPENDED", reason: "sanctions", sanctionsMatchId: m.id },
    });
  }
  const org = await tx.organisation.findUniqueOrThrow({ where: { id: m.organisationId }, select: { codename: true } });
  await notify(tx, await funderStaff(tx, m.funderId, ["FUNDER_ADMIN"]), {
    kind: "SANCTIONS_CONFIRMED", link: `/staff/sanctions/${m.id}`, params: { organisation: org.codename, grants: grants.length }, dedupeKey: `sanctions-confirmed:${m.id}`,
  });
}

export type SanctionsSummary = {
  lastScreenedAt: Date | null;
  /** Matches that block awards and payments at this funder (not cleared). */
  blocking: { id: string; status: MatchStatus }[];
  /** Russia's registers: context for the lead officer, never a block. */
  risk: { id: string; list: string; listedName: string }[];
};

/**
 * The screening state of an application's organisation at its funder, for the staff who may
 * see sanctions results there (never reviewers, never the applicant); null for anyone else.
 */
export async function sanctionsSummary(actor: Actor, applicationId: string): Promise<SanctionsSummary | null> {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { organisationId: true, funderId: true, leadOfficerId: true } });
  if (!app || !canAtFunder(actor, "sanctions.view", app.funderId)) return null;
  const [last, matches] = await Promise.all([
    db.sanctionsScreening.findFirst({ where: { organisationId: app.organisationId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    db.sanctionsMatch.findMany({
      where: { organisationId: app.organisationId, funderId: app.funderId, status: { notIn: ["CLEARED", "LAPSED"] } },
      include: { entry: { select: { list: true, primaryName: true } } },
      orderBy: { score: "desc" },
    }),
  ]);
  // Russia's registers concern the organisation's safety: its assigned (lead) officer only.
  const assigned = app.leadOfficerId === actor.userId;
  return {
    lastScreenedAt: last?.createdAt ?? null,
    blocking: matches.filter((m) => !m.risk).map((m) => ({ id: m.id, status: m.status })),
    risk: assigned ? matches.filter((m) => m.risk).map((m) => ({ id: m.id, list: m.entry.list, listedName: m.entry.primaryName })) : [],
  };
}
