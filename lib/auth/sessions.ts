// Server-side sessions. The signed cookie names a Session row; every request checks it,
// so revocation, disabling a user and idle/absolute limits apply at once.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";

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
  meta: { ip?: string; userAgent?: string; mfaVerified?: boolean },
  now = new Date(),
) {
  const id = randomBytes(32).toString("base64url");
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
  return { id, expiresAt };
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

export async function revokeUserSessions(userId: string, reason: string, now = new Date()) {
  await db.session.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
}
