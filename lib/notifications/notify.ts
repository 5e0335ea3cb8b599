// Writes notifications inside the caller's transaction, so an event and its
// notifications commit or vanish together. Recipients are resolved here, scoped to
// the organisation's members or to one funder's staff: never anyone else.
import "server-only";
import type { NotificationKind, Prisma, StaffRoleKind } from "@prisma/client";
import type { Tx } from "../db";

export type NewNotification = {
  kind: NotificationKind;
  link: string;
  /** Shown in the app and in staff e-mail; never a legal identity. */
  params?: Record<string, string | number>;
  /** Reminders: the same key for the same person is written once. */
  dedupeKey?: string;
};

export async function notify(tx: Tx, userIds: Iterable<string>, n: NewNotification): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: unique.map((userId) => ({ userId, kind: n.kind, link: n.link, params: (n.params ?? {}) as Prisma.InputJsonValue, dedupeKey: n.dedupeKey ?? null })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * The same notice about each grant to the active members of its organisation (the grant's
 * number as its parameter, its member page as the link), for many grants in one statement.
 */
export async function notifyGrantMembers(tx: Tx, grantIds: string[], kind: "PAYMENT_RECORDED" | "PAYMENT_RETURNED"): Promise<void> {
  if (grantIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Notification" (id, "userId", kind, link, params)
    SELECT gen_random_uuid(), m."userId", ${kind}::"NotificationKind", '/my/grants/' || g.id, jsonb_build_object('grant', g.number)
    FROM "Grant" g JOIN "Membership" m ON m."organisationId" = g."organisationId" JOIN "User" u ON u.id = m."userId" AND u."disabledAt" IS NULL
    WHERE g.id = ANY(${[...new Set(grantIds)]}::uuid[])
    ON CONFLICT DO NOTHING`;
}

/** Active members of an organisation. */
export async function organisationMembers(tx: Tx, organisationId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { organisationId, user: { disabledAt: null } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** Active staff holding one of `roles` at `funderId`, minus anyone in `except`. */
export async function funderStaff(tx: Tx, funderId: string, roles: StaffRoleKind[], except: string[] = []): Promise<string[]> {
  const rows = await tx.staffRole.findMany({
    where: { funderId, role: { in: roles }, user: { disabledAt: null }, userId: { notIn: except } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}
