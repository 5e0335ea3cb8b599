import "server-only";
import type { Actor } from "../auth/actor";
import { canPlatform, funderIdsWith } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { storedAnchors, verifyChain } from "./verify";
import { trustedKeys } from "./checkpoints";

/** Auditors see the events of their funders. */
export async function listRecentAuditEvents(actor: Actor, take = 50) {
  const funderIds = funderIdsWith(actor, "audit.view");
  if (funderIds.length === 0) throw new AppError("forbidden");
  const events = await db.auditEvent.findMany({
    where: { funderId: { in: funderIds } },
    orderBy: { id: "desc" },
    take,
    select: { id: true, at: true, action: true, entityType: true, entityId: true, actorRole: true },
  });
  return events.map((e) => ({ ...e, id: e.id.toString() }));
}

/** The actor's streams (their funders'; every stream for platform auditors), verified event by event against the stored checkpoints. */
export async function checkAuditChain(actor: Actor) {
  const all = canPlatform(actor, "exports.unredacted");
  const funderIds = funderIdsWith(actor, "audit.view");
  if (!all && funderIds.length === 0) throw new AppError("forbidden");
  const streams = all ? undefined : funderIds;
  return verifyChain({ streams, anchors: await storedAnchors(trustedKeys(), streams) });
}

/** Names of the funders whose streams the actor sees, to label them. */
export async function funderNamesFor(actor: Actor): Promise<Map<string, string>> {
  const all = canPlatform(actor, "exports.unredacted");
  const rows = await db.funder.findMany({ where: all ? {} : { id: { in: funderIdsWith(actor, "audit.view") } }, select: { id: true, name: true } });
  return new Map(rows.map((f) => [f.id, f.name]));
}
