// People see and end their own sessions; platform admins end anyone's.
import "server-only";
import type { Actor } from "./actor";
import { canPlatform } from "./permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { revokeSession, revokeUserSessions } from "./sessions";

export async function listOwnSessions(actor: Actor) {
  const rows = await db.session.findMany({
    where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
  // The session id is a bearer secret: pages get an opaque handle, never the id itself.
  return rows.map((s) => ({ handle: s.id.slice(0, 12), createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent, network: s.ip, current: s.id === actor.sessionId }));
}

export async function endOwnSession(actor: Actor, handle: string) {
  if (!/^[A-Za-z0-9_-]{12}$/.test(handle)) throw new AppError("notFound");
  const session = await db.session.findFirst({ where: { userId: actor.userId, id: { startsWith: handle }, revokedAt: null } });
  if (!session) throw new AppError("notFound");
  await revokeSession(session.id, "ended by the user");
  await db.$transaction((tx) => writeAudit(tx, actor, { action: "auth.session.ended", entityType: "User", entityId: actor.userId }));
}

export async function endAllSessionsOf(actor: Actor, userId: string) {
  if (!canPlatform(actor, "sessions.manage")) throw new AppError("forbidden");
  if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new AppError("notFound");
  await revokeUserSessions(userId, "ended by an administrator");
  await db.$transaction((tx) => writeAudit(tx, { userId: actor.userId, role: "ADMIN" }, { action: "auth.sessions.endedByAdmin", entityType: "User", entityId: userId }));
}
