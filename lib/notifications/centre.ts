// The notification centre: a person's own notifications, never anyone else's.
import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { hasStaffRole } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { LOCALES } from "../i18n/locales";

export async function unreadCount(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, readAt: null } });
}

export async function listNotifications(actor: Actor, take = 100) {
  const rows = await db.notification.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" }, take });
  return rows.map((n) => ({ id: n.id, kind: n.kind, link: n.link, params: n.params as Record<string, string | number>, createdAt: n.createdAt, read: n.readAt !== null }));
}

/** Marks one as read and returns where it points (for "open"); someone else's is not found. */
export async function markRead(actor: Actor, notificationId: string): Promise<string> {
  const n = await db.notification.findFirst({ where: { id: notificationId, userId: actor.userId }, select: { id: true, link: true, readAt: true } });
  if (!n) throw new AppError("notFound");
  if (!n.readAt) await db.notification.update({ where: { id: n.id }, data: { readAt: new Date() } });
  return n.link;
}

export async function markAllRead(actor: Actor): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId: actor.userId, readAt: null }, data: { readAt: new Date() } });
  return count;
}

export const ZEmailPreferences = z.object({
  mode: z.enum(["off", "each", "digest"]),
  emailLocale: z.enum(LOCALES),
});

export async function emailPreferences(actor: Actor) {
  const u = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { emailEnabled: true, emailDigest: true, emailLocale: true, locale: true } });
  return {
    mode: !u.emailEnabled ? "off" : u.emailDigest ? "digest" : "each",
    emailLocale: (u.emailLocale ?? u.locale) as (typeof LOCALES)[number],
    digestAllowed: canUseDigest(actor),
  } as const;
}

/** The daily digest is for staff; applicants get content-free single e-mails or none. */
const canUseDigest = (actor: Actor) => actor.isPlatformAdmin || hasStaffRole(actor, "OFFICER", "REVIEWER", "APPROVER", "FINANCE", "AUDITOR", "FUNDER_ADMIN");

export async function setEmailPreferences(actor: Actor, input: z.output<typeof ZEmailPreferences>) {
  if (input.mode === "digest" && !canUseDigest(actor)) throw new AppError("forbidden");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { emailEnabled: input.mode !== "off", emailDigest: input.mode === "digest", emailLocale: input.emailLocale } });
    await writeAudit(tx, { userId: actor.userId, role: null }, { action: "user.emailPreferences.changed", entityType: "User", entityId: actor.userId, after: input });
  });
}
