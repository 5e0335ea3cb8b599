import "server-only";
import type { Actor } from "../auth/actor";
import { funderIdsWith } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { verifyChain } from "./verify";

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

export async function checkAuditChain(actor: Actor) {
  if (funderIdsWith(actor, "audit.view").length === 0) throw new AppError("forbidden");
  return verifyChain();
}
