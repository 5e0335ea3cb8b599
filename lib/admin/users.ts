// Platform admins manage people and roles; a funder admin manages roles at their funder.
import "server-only";
import type { StaffRoleKind } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { canAtFunder, canPlatform, STAFF_ROLES } from "../auth/permissions";
import { ZEmail, ZNewPassword } from "../auth/schemas";
import { revokeUserSessions } from "../auth/sessions";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { LOCALES } from "../i18n/locales";
import { byEmail, createPerson, openPerson, PERSON_FIELDS } from "../users/personal-data";

export const ZCreateUser = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "errors.field.required").max(120, "errors.field.tooLong"),
  password: ZNewPassword,
  locale: z.enum(LOCALES),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZGrantRole = z.object({
  userId: z.uuid(),
  funderId: z.uuid("errors.field.required"),
  role: z.enum(STAFF_ROLES),
});

export const ZRevokeRole = z.object({ roleId: z.uuid() });
export const ZSetDisabled = z.object({ userId: z.uuid(), disabled: z.enum(["true", "false"]) });

function canManageRolesAt(actor: Actor, funderId: string) {
  return canPlatform(actor, "roles.manage") || canAtFunder(actor, "staff.manage", funderId);
}

/** Funders whose staff the actor may manage. */
export async function listManageableFunders(actor: Actor) {
  const all = canPlatform(actor, "roles.manage");
  const funderIds = actor.staffRoles.filter((r) => r.role === "FUNDER_ADMIN").map((r) => r.funderId);
  if (!all && funderIds.length === 0) throw new AppError("forbidden");
  return db.funder.findMany({
    where: all ? {} : { id: { in: funderIds } },
    orderBy: { name: "asc" },
    select: { id: true, code: true, name: true },
  });
}

export async function listUsers(actor: Actor) {
  if (!canPlatform(actor, "users.manage")) throw new AppError("forbidden");
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    take: 500,
    select: {
      ...PERSON_FIELDS,
      isPlatformAdmin: true,
      disabledAt: true,
      createdAt: true,
      staffRoles: { select: { id: true, role: true, funder: { select: { id: true, code: true } } } },
      _count: { select: { memberships: true } },
    },
  });
  // Addresses are sealed, so the order is made after opening them (one query, no per-row reads).
  return users
    .map(({ personal: _sealed, personKey: _key, ...u }) => ({ ...u, ...(openPerson({ id: u.id, personal: _sealed, personKey: _key }) ?? { name: "—", email: "—" }) }))
    .sort((a, b) => a.email.localeCompare(b.email));
}

export async function createUser(actor: Actor, input: TCreateUser) {
  if (!canPlatform(actor, "users.manage")) throw new AppError("forbidden");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: byEmail(input.email), select: { id: true } });
    if (exists) throw new AppError("duplicate", { email: "errors.field.emailTaken" });
    const user = await createPerson(tx, { email: input.email, name: input.name, locale: input.locale, passwordHash });
    // No name or address in the trail: it outlives an erase of the person's key.
    await writeAudit(tx, actor, {
      action: "user.created",
      entityType: "User",
      entityId: user.id,
      after: { locale: input.locale },
    });
    return { id: user.id, email: user.email, name: user.name };
  });
}

export async function grantRole(actor: Actor, input: z.infer<typeof ZGrantRole>) {
  if (!canManageRolesAt(actor, input.funderId)) throw new AppError("forbidden");
  requireRecentSecondFactor(actor);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    const funder = await tx.funder.findUnique({ where: { id: input.funderId }, select: { id: true } });
    if (!user || !funder) throw new AppError("notFound");
    const existing = await tx.staffRole.findUnique({
      where: { userId_funderId_role: { userId: input.userId, funderId: input.funderId, role: input.role } },
    });
    if (existing) return existing;
    const role = await tx.staffRole.create({
      data: { userId: input.userId, funderId: input.funderId, role: input.role as StaffRoleKind, grantedById: actor.userId },
    });
    // More privilege, new session: whoever holds a cookie of the person's (planted, copied)
    // gains nothing; the person signs in again, with a second factor now required.
    await revokeUserSessions(input.userId, "role granted", new Date(), tx);
    await writeAudit(tx, actor, {
      action: "role.granted",
      entityType: "StaffRole",
      entityId: role.id,
      funderId: input.funderId,
      after: { userId: input.userId, role: input.role },
    });
    return role;
  });
}

export async function revokeRole(actor: Actor, roleId: string) {
  return db.$transaction(async (tx) => {
    const role = await tx.staffRole.findUnique({ where: { id: roleId } });
    if (!role || !canManageRolesAt(actor, role.funderId)) throw new AppError("notFound");
    requireRecentSecondFactor(actor);
    await tx.staffRole.delete({ where: { id: roleId } });
    await writeAudit(tx, actor, {
      action: "role.revoked",
      entityType: "StaffRole",
      entityId: role.id,
      funderId: role.funderId,
      before: { userId: role.userId, role: role.role },
    });
  });
}

/** Disabling ends every session of the user on their next request. */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  if (!canPlatform(actor, "users.manage")) throw new AppError("forbidden");
  if (userId === actor.userId) throw new AppError("forbidden");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } });
    if (!user) throw new AppError("notFound");
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    await writeAudit(tx, actor, {
      action: disabled ? "user.disabled" : "user.enabled",
      entityType: "User",
      entityId: userId,
      before: { disabled: Boolean(user.disabledAt) },
      after: { disabled },
    });
  });
  if (disabled) await revokeUserSessions(userId, "user disabled");
}
