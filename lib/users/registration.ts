// Self-registration of applicants, confirmed by e-mail. Staff accounts are created by admins.
// The form's answer is the same whether or not the address already has an account (an
// adversary must not learn who has registered): a new address gets a confirmation link,
// a known one a note that it already has an account. The account exists only once the
// link is used, so nobody can hold an address they cannot read.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "../auth/password";
import { ZEmail, ZNewPassword } from "../auth/schemas";
import { addressKey, isLocked, recordFailure } from "../auth/throttle";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { LOCALES, type Locale } from "../i18n/locales";
import { logError } from "../log";
import { safeLocalPath } from "../paths";
import { existingAccountMail, mailLocale, portalUrl, signUpMail } from "../notifications/content";
import { sendMail } from "../notifications/mailer";
import { zRequiredText } from "../validation";

export const ZRegister = z.object({
  name: zRequiredText(120),
  email: ZEmail,
  password: ZNewPassword,
  locale: z.enum(LOCALES),
  /** Where to go once confirmed; anything but a local path is dropped. */
  next: z.string().max(500).optional().transform((v) => safeLocalPath(v) ?? undefined),
});
export type TRegister = z.infer<typeof ZRegister>;

export const ZSignUpToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "errors.signUp.invalidLink") });

/** Sign-ups per client address before a pause (counts every attempt). */
const SIGNUPS_PER_WINDOW = 10;
export const SIGN_UP_TTL_HOURS = 24;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Always resolves the same way for a well-formed request; see the module comment. */
export async function requestSignUp(input: Omit<TRegister, "next"> & { next?: string }, network: string, now = new Date()): Promise<void> {
  const key = `signup:${addressKey(network)}`;
  if (await isLocked([key])) throw new AppError("rateLimited");
  await recordFailure(key, SIGNUPS_PER_WINDOW);
  // Hashed in both branches, so the answer takes as long for a known address as a new one.
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, locale: true, emailLocale: true } });
  const locale = input.locale as Locale;
  if (existing) {
    // Written in the owner's language: the request may not have been theirs.
    await db.$transaction((tx) =>
      writeAudit(tx, null, { action: "user.signUp.knownAddress", entityType: "User", entityId: existing.id, after: { network } }),
    );
    await mail(input.email, existingAccountMail(mailLocale(existing), `${portalUrl()}/sign-in`, `${portalUrl()}/forgot-password`), `<signup-known-${randomBytes(8).toString("hex")}@most.local>`, mailLocale(existing));
    return;
  }
  const token = randomBytes(32).toString("base64url");
  const request = await db.$transaction(async (tx) => {
    const row = await tx.signUpRequest.create({
      data: {
        email: input.email,
        name: input.name,
        locale: input.locale,
        passwordHash,
        tokenHash: sha256(token),
        next: safeLocalPath(input.next),
        expiresAt: new Date(now.getTime() + SIGN_UP_TTL_HOURS * 3_600_000),
      },
    });
    await writeAudit(tx, null, { action: "user.signUp.requested", entityType: "SignUpRequest", entityId: row.id, after: { locale: input.locale, network } });
    return row;
  });
  await mail(input.email, signUpMail(locale, `${portalUrl()}/sign-up/confirm?token=${token}`, SIGN_UP_TTL_HOURS), `<signup-${request.id}@most.local>`, locale);
}

async function mail(to: string, content: { subject: string; text: string }, messageId: string, locale: Locale) {
  try {
    await sendMail({ to, ...content, messageId, locale });
  } catch (e) {
    // The page answers the same either way; the failure is for the operators.
    logError("sign-up e-mail failed", e, messageId);
  }
}

/**
 * A confirmation link that can still be used, with where it leads afterwards; null when it
 * is unknown, used or expired (for its page and for the sign-in that follows).
 */
export async function usableSignUpLink(token: string, now = new Date()): Promise<{ next: string | null } | null> {
  if (!ZSignUpToken.safeParse({ token }).success) return null;
  const row = await db.signUpRequest.findUnique({ where: { tokenHash: sha256(token) }, select: { usedAt: true, expiresAt: true, next: true } });
  return row && !row.usedAt && row.expiresAt > now ? { next: safeLocalPath(row.next) } : null;
}

/**
 * Uses a confirmation link: creates the account, once. Returns the new user's id, or null
 * for a link that is unknown, used or expired, or whose address got an account meanwhile.
 */
export async function confirmSignUp(token: string, now = new Date()): Promise<string | null> {
  if (!ZSignUpToken.safeParse({ token }).success) return null;
  const row = await db.signUpRequest.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return db.$transaction(async (tx) => {
    // Taking the link in one statement: a second use, or a race of two, finds nothing.
    const taken = await tx.signUpRequest.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (taken.count !== 1) return null;
    if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) return null;
    const user = await tx.user.create({
      data: { email: row.email, name: row.name, locale: row.locale, passwordHash: row.passwordHash },
      select: { id: true },
    });
    // The other pending requests of this address (name and password hash) are not kept.
    await tx.signUpRequest.deleteMany({ where: { email: row.email, id: { not: row.id } } });
    await writeAudit(tx, { userId: user.id, role: "APPLICANT" }, {
      action: "user.registered",
      entityType: "User",
      entityId: user.id,
      after: { locale: row.locale, confirmedRequest: row.id },
    });
    return user.id;
  });
}

/** Daily: requests past their time hold a name, an address and a password hash for nothing. */
export async function purgeExpiredSignUps(now = new Date()): Promise<number> {
  const { count } = await db.signUpRequest.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } });
  return count;
}
