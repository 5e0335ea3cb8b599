// The signed-in person as every domain function receives it: identity, roles per
// funder and memberships, loaded fresh from the database on each request.
import "server-only";
import { cache } from "react";
import type { MemberRole, StaffRoleKind } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import type { Locale } from "../i18n/locales";
import { checkSession, type SessionKind } from "./sessions";
import { canEnterArea, type Area } from "./permissions";
import { openPerson } from "../users/personal-data";

export type Actor = {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  timeZone: string;
  isPlatformAdmin: boolean;
  staffRoles: { funderId: string; role: StaffRoleKind }[];
  memberships: { organisationId: string; role: MemberRole }[];
  sessionId: string;
  mfaVerifiedAt: Date | null;
  /**
   * Set while the session still owes a second factor: "enrol" for staff who have none
   * yet, "verify" for anyone who has one. Until then the actor holds no roles and no
   * memberships, so every permission check in lib/ refuses.
   */
  pendingSecondFactor: "enrol" | "verify" | null;
};

export async function sessionKindOf(userId: string): Promise<SessionKind> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { isPlatformAdmin: true, _count: { select: { staffRoles: true } } },
  });
  return user && (user.isPlatformAdmin || user._count.staffRoles > 0) ? "staff" : "applicant";
}

/** Loads the actor behind a session id, or null when the session is not valid. */
export async function loadActor(sessionId: string, now = new Date()): Promise<Actor | null> {
  const check = await checkSession(sessionId, sessionKindOf, now);
  if (!check.ok) return null;
  const user = await db.user.findUnique({
    where: { id: check.session.userId },
    include: {
      staffRoles: { select: { funderId: true, role: true } },
      memberships: { select: { organisationId: true, role: true } },
      totp: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
      personKey: true,
    },
  });
  if (!user || user.disabledAt) return null;
  const person = openPerson(user);
  if (!person) return null;
  const hasFactor = Boolean(user.totp?.confirmedAt) || user._count.passkeys > 0;
  const mustHaveFactor = user.isPlatformAdmin || user.staffRoles.length > 0;
  const pending = check.session.mfaVerifiedAt ? null : hasFactor ? "verify" : mustHaveFactor ? "enrol" : null;
  return {
    userId: user.id,
    email: person.email,
    name: person.name,
    locale: user.locale as Locale,
    timeZone: user.timeZone,
    isPlatformAdmin: pending ? false : user.isPlatformAdmin,
    staffRoles: pending ? [] : user.staffRoles,
    memberships: pending ? [] : user.memberships,
    sessionId: check.session.id,
    mfaVerifiedAt: check.session.mfaVerifiedAt,
    pendingSecondFactor: pending,
  };
}

/**
 * The actor for a user without a session: for the seed, scripts, jobs and tests only.
 * Pages and actions always go through currentActor().
 */
export async function actorForUser(userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { staffRoles: { select: { funderId: true, role: true } }, memberships: { select: { organisationId: true, role: true } }, personKey: true },
  });
  const person = openPerson(user) ?? { email: "", name: "" };
  return {
    userId: user.id,
    email: person.email,
    name: person.name,
    locale: user.locale as Locale,
    timeZone: user.timeZone,
    isPlatformAdmin: user.isPlatformAdmin,
    staffRoles: user.staffRoles,
    memberships: user.memberships,
    sessionId: "system",
    mfaVerifiedAt: new Date(),
    pendingSecondFactor: null,
  };
}

/** The actor of the current request (once per request), or null when signed out. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const { currentSessionId } = await import("./next-auth");
  const sid = await currentSessionId();
  return sid ? loadActor(sid) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated");
  return actor;
}

export async function requireArea(area: Area): Promise<Actor> {
  const actor = await requireActor();
  if (!canEnterArea(actor, area)) throw new AppError("forbidden");
  return actor;
}
