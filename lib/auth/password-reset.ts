// Password reset by e-mail. The answer to a request never says whether the address has
// an account. A link works once, for an hour; using it sets a new password, ends every
// session of the account and signs nobody in: the person then signs in as usual, with
// the new password and, for anyone who has one, the second factor. A reset never
// bypasses the second factor.
import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { mailLocale, resetMail } from "../notifications/content";
import { currentOrigin } from "../portal-origins";
import { newMessageId } from "../notifications/message-id";
import { sendInBackground } from "../notifications/outbox";
import { hashToken, newToken, zLinkToken } from "./one-time-token";
import { hashPassword } from "./password";
import { ZEmail, ZNewPassword } from "./schemas";
import { revokeUserSessions } from "./sessions";
import { byEmail, openPerson } from "../users/personal-data";

export const RESET_TTL_MINUTES = 60;
export const RESETS_PER_HOUR = 3;

export const ZResetRequest = z.object({ email: ZEmail });
export const ZResetPassword = z.object({
  token: zLinkToken("errors.reset.invalid"),
  password: ZNewPassword,
});

/** Always resolves the same way; only an existing, enabled account gets a link. */
export async function requestPasswordReset(email: string, addressTag: string | null, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({ where: byEmail(email), include: { personKey: true } });
  // The mail goes to the address the account holds (opened here), not the one typed.
  const person = user && !user.disabledAt ? openPerson(user) : null;
  if (!user || !person) {
    await db.$transaction((tx) => writeAudit(tx, null, { action: "auth.passwordReset.unknownAddress", entityType: "User", after: { addressTag } }));
    return;
  }
  const recent = await db.passwordReset.count({ where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - 3_600_000) } } });
  if (recent >= RESETS_PER_HOUR) {
    await db.$transaction((tx) => writeAudit(tx, { userId: user.id, role: null }, { action: "auth.passwordReset.throttled", entityType: "User", entityId: user.id, after: { addressTag } }));
    return;
  }
  const { token, hash } = newToken();
  await db.$transaction(async (tx) => {
    await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hash, expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000) } });
    await writeAudit(tx, { userId: user.id, role: null }, { action: "auth.passwordReset.requested", entityType: "User", entityId: user.id, after: { addressTag } });
  });
  const locale = mailLocale(user);
  sendInBackground({ to: person.email, ...resetMail(locale, `${(await currentOrigin()).origin}/reset-password?token=${token}`, RESET_TTL_MINUTES), messageId: newMessageId(), locale }, "password reset");
}

export async function resetPassword(input: z.output<typeof ZResetPassword>, now = new Date()): Promise<void> {
  const row = await db.passwordReset.findUnique({ where: { tokenHash: hashToken(input.token) } });
  const invalid = () => new AppError("validation", { token: "errors.reset.invalid" });
  if (!row || row.usedAt || row.expiresAt <= now) throw invalid();
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    // Taking the link and every other open link of the account in one statement: a
    // second use (or a race of two) finds nothing to take.
    const taken = await tx.passwordReset.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (taken.count !== 1) throw invalid();
    await tx.passwordReset.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await writeAudit(tx, { userId: row.userId, role: null }, { action: "auth.passwordReset.completed", entityType: "User", entityId: row.userId });
  });
  await revokeUserSessions(row.userId, "password reset", now);
}
