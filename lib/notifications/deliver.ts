// Sends the e-mail for one notification, or one digest, exactly once per key. The
// delivery row is written before the message leaves and stamped after: a job retried
// after a crash finds the stamp and stops. If the crash came between sending and
// stamping, the retry sends again with the same Message-ID, which mail clients treat as
// the same message (the development mailbox keeps both, so tests can see it).
import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "../db";
import { applicantMail, digestMail, isApplicantSide, mailBase, mailLocale, staffMail, type StaffItem } from "./content";
import { sendMail } from "./mailer";
import { newMessageId } from "./message-id";
import { openPersonById } from "../users/personal-data";

type Outcome = "sent" | "already-sent" | "skipped" | "in-digest" | "missing";

export async function deliverOnce(key: string, userId: string, send: (messageId: string) => Promise<void>): Promise<"sent" | "already-sent"> {
  const existing = await db.emailDelivery.findUnique({ where: { key } });
  if (existing?.sentAt) return "already-sent";
  // A re-send keeps the id first recorded, even if the secret or the domain changed since.
  const messageId = existing?.messageId ?? newMessageId(key);
  if (!existing) await db.emailDelivery.createMany({ data: [{ key, userId, messageId }], skipDuplicates: true });
  await send(messageId);
  await db.emailDelivery.update({ where: { key }, data: { sentAt: new Date() } });
  return "sent";
}

export async function deliverNotification(notificationId: string): Promise<Outcome> {
  const n = await db.notification.findUnique({ where: { id: notificationId }, include: { user: true } });
  if (!n) return "missing";
  if (n.emailState !== "PENDING") return n.emailState === "SENT" ? "already-sent" : "skipped";
  const user = n.user;
  if (!user.emailEnabled || user.disabledAt) {
    await db.notification.update({ where: { id: n.id }, data: { emailState: "SKIPPED" } });
    return "skipped";
  }
  if (user.emailDigest) {
    await db.notification.update({ where: { id: n.id }, data: { emailState: "IN_DIGEST" } });
    return "in-digest";
  }
  const locale = mailLocale(user);
  const item: StaffItem = { kind: n.kind, link: n.link, params: n.params as Record<string, string | number> };
  const content = isApplicantSide(n.link) ? applicantMail(locale, mailBase(user)) : staffMail(locale, mailBase(user), item);
  const to = (await openPersonById(user.id))?.email;
  if (!to) return "skipped";
  const result = await deliverOnce(n.id, user.id, (messageId) => sendMail({ to, ...content, messageId, locale }));
  await db.notification.update({ where: { id: n.id }, data: { emailState: "SENT", emailedAt: new Date() } });
  return result;
}

/** One digest per person and day with everything collected since the last one. */
export async function deliverDigest(userId: string, now = new Date()): Promise<Outcome> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !user.emailEnabled || user.disabledAt) return "skipped";
  const waiting = await db.notification.findMany({ where: { userId, emailState: "IN_DIGEST", emailedAt: null }, orderBy: { createdAt: "asc" }, take: 200 });
  if (waiting.length === 0) return "skipped";
  const key = `digest:${userId}:${now.toISOString().slice(0, 10)}`;
  const locale = mailLocale(user);
  const content = digestMail(locale, mailBase(user), waiting.map((n) => ({ kind: n.kind, link: n.link, params: n.params as Prisma.JsonObject as Record<string, string | number> })));
  const to = (await openPersonById(userId))?.email;
  if (!to) return "skipped";
  const result = await deliverOnce(key, userId, (messageId) => sendMail({ to, ...content, messageId, locale }));
  await db.notification.updateMany({ where: { id: { in: waiting.map((n) => n.id) } }, data: { emailedAt: new Date() } });
  return result;
}

/** Notifications still waiting for their e-mail decision (the worker enqueues one job each). */
export async function pendingNotificationIds(limit = 500): Promise<string[]> {
  const rows = await db.notification.findMany({ where: { emailState: "PENDING" }, orderBy: { createdAt: "asc" }, take: limit, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function usersWithDigest(): Promise<string[]> {
  const rows = await db.notification.findMany({ where: { emailState: "IN_DIGEST", emailedAt: null }, distinct: ["userId"], select: { userId: true } });
  return rows.map((r) => r.userId);
}
