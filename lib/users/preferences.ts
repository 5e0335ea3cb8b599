import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { writeAudit } from "../audit/write";
import type { Locale } from "../i18n/locales";

/** A person changes their own language; nobody else's. */
export async function setOwnLocale(actor: Actor, locale: Locale) {
  if (actor.locale === locale) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { locale } });
    await writeAudit(tx, actor, {
      action: "user.locale.changed",
      entityType: "User",
      entityId: actor.userId,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}
