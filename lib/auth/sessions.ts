// Server-side sessions. The signed cookie names a Session row; every request checks it,
// so revocation, disabling a user and idle/absolute limits apply at once.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";

export const SESSION_LIMITS = {
  staff: { idleMinutes: 30, absoluteHours: 12 },
  applicant: { idleMinutes: 24 * 60, absoluteHours: 7 * 24 },
} as const;

/** Touch lastSeenAt at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60_000;

export type SessionKind = keyof typeof SESSION_LIMITS;

export async function createSession(
  userId: string,
  kind: SessionKind,
  meta: { ip?: string; userAgent?: string; mfaVerified?: boolean; origin?: string },
  now = new Date(),
) {
  const id = newSessionId();
  const expiresAt = new Date(now.getTime() + SESSION_LIMITS[kind].absoluteHours * 3_600_000);
  await db.session.create({
    data: {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip?.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 300),
      mfaVerifiedAt: meta.mfaVerified ? now : null,
    },
  });
  // Their e-mail links name the origin they last signed in through (lib/notifications/content.ts).
  if (meta.origin) await db.user.updateMany({ where: { id: userId, OR: [{ mailOrigin: null }, { mailOrigin: { not: meta.origin } }] }, data: { mailOrigin: meta.origin } });
  return { id, expiresAt };
}

const newSessionId = () => randomBytes(32).toString("base64url");

/**
 * Replaces a session by one with a new id at a privilege change (second factor passed,
 * step-up), so a copy of the cookie taken before it is worth nothing after it. The new row
 * keeps the sign-in time and absolute end; the old one is ended. Of two renewals of one
 * session at once, one wins; the other is refused as signed out.
 */
export async function renewSession(
  tx: Prisma.TransactionClient,
  oldId: string,
  change: { mfaVerifiedAt: Date },
  now = new Date(),
): Promise<string> {
  const old = await tx.session.findUnique({ where: { id: oldId } });
  if (!old || old.revokedAt) throw new AppError("unauthenticated");
  const ended = await tx.session.updateMany({
    where: { id: oldId, revokedAt: null },
    data: { revokedAt: now, revokedReason: "renewed" },
  });
  if (ended.count !== 1) throw new AppError("unauthenticated");
  const id = newSessionId();
  await tx.session.create({
    data: {
      id,
      userId: old.userId,
      createdAt: old.createdAt,
      lastSeenAt: now,
      expiresAt: old.expiresAt,
      ip: old.ip,
      userAgent: old.userAgent,
      mfaVerifiedAt: change.mfaVerifiedAt,
    },
  });
  return id;
}

export type SessionCheck =
  | { ok: true; session: { id: string; userId: string; mfaVerifiedAt: Date | null } }
  | { ok: false; reason: "missing" | "revoked" | "expired" | "idle" | "disabled" };

/** Validates a session for a request; `kind` reflects the user's roles now. */
export async function checkSession(
  id: string,
  kindOf: (userId: string) => Promise<SessionKind>,
  now = new Date(),
): Promise<SessionCheck> {
  const s = await db.session.findUnique({
    where: { id },
    include: { user: { select: { disabledAt: true } } },
  });
  if (!s) return { ok: false, reason: "missing" };
  if (s.revokedAt) return { ok: false, reason: "revoked" };
  if (s.user.disabledAt) {
    await revokeSession(id, "user disabled", now);
    return { ok: false, reason: "disabled" };
  }
  if (s.expiresAt <= now) return { ok: false, reason: "expired" };
  const limits = SESSION_LIMITS[await kindOf(s.userId)];
  const absoluteEnd = s.createdAt.getTime() + limits.absoluteHours * 3_600_000;
  if (absoluteEnd <= now.getTime()) return { ok: false, reason: "expired" };
  if (s.lastSeenAt.getTime() + limits.idleMinutes * 60_000 <= now.getTime()) {
    await revokeSession(id, "idle", now);
    return { ok: false, reason: "idle" };
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now } });
  }
  return { ok: true, session: { id: s.id, userId: s.userId, mfaVerifiedAt: s.mfaVerifiedAt } };
}

export async function revokeSession(id: string, reason: string, now = new Date()) {
  await db.session.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
}

export async function revokeUserSessions(userId: string, reason: string, now = new Date(), client: Prisma.TransactionClient = db) {
  await client.session.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
}
