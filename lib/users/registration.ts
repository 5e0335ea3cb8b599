// Self-registration of applicants, confirmed by e-mail. Staff accounts are created by admins.
// The form's answer is the same whether or not the address already has an account (an
// adversary must not learn who has registered): a new address gets a confirmation link,
// a known one a note that it already has an account. The account exists only once the
// link is used together with the password chosen at sign-up, so nobody can hold an address
// they cannot read, and a link planted in someone's inbox (or leaked) opens nothing.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { hashToken, newToken, zLinkToken } from "../auth/one-time-token";
import { hashPassword, verifyPassword } from "../auth/password";
import { ZEmail, ZNewPassword } from "../auth/schemas";
import { addressKey, isLocked, recordFailure } from "../auth/throttle";
import { writeAudit } from "../audit/write";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { LOCALES, type Locale } from "../i18n/locales";
import { existingAccountMail, mailLocale, signUpMail } from "../notifications/content";
import { currentOrigin } from "../portal-origins";
import { newMessageId } from "../notifications/message-id";
import { sendInBackground } from "../notifications/outbox";
import { safeLocalPath } from "../paths";
import { zRequiredText } from "../validation";
import { openWithMaster, sealWithMaster } from "../crypto/envelope";
import { emailIndex } from "./blind-index";
import { byEmail, createPerson } from "./personal-data";

export const ZRegister = z.object({
  name: zRequiredText(120),
  email: ZEmail,
  password: ZNewPassword,
  locale: z.enum(LOCALES),
  /** Where to go once confirmed; anything but a local path is dropped. */
  next: z.string().max(500).optional().transform((v) => safeLocalPath(v) ?? undefined),
});
export type TRegister = z.infer<typeof ZRegister>;

const zToken = zLinkToken("errors.signUp.invalidLink");
export const ZSignUpConfirm = z.object({ token: zToken, password: z.string().min(1, "errors.field.required").max(1000, "errors.field.tooLong") });

// A pending request's name and address, sealed with the master key for its 24 hours (the
// person's own key is made with the account) and bound to the row.
const ZSignUpPerson = z.object({ email: z.string(), name: z.string() });
const signUpContext = (id: string) => `signup:${id}`;

/** Sign-ups per client address before a pause (counts every attempt). */
const SIGNUPS_PER_WINDOW = 10;
/** Sign-up e-mails to one address per window (new or known alike), so nobody floods an inbox. */
const MAILS_PER_ADDRESS = 3;
/** Wrong passwords on one confirmation link before it dies. */
export const CONFIRM_ATTEMPTS = 5;
export const SIGN_UP_TTL_HOURS = 24;

/** Always resolves the same way for a well-formed request; see the module comment. */
export async function requestSignUp(input: Omit<TRegister, "next"> & { next?: string }, network: string, now = new Date()): Promise<void> {
  const key = `signup:${addressKey(network)}`;
  if (await isLocked([key])) throw new AppError("rateLimited");
  await recordFailure(key, SIGNUPS_PER_WINDOW);
  // Hashed in every branch, so the answer takes as long for a known address as a new one.
  const passwordHash = await hashPassword(input.password);
  // Keyed, like the account's own index: an unkeyed hash of an address is a lookup table away.
  const mailKey = `signup-mail:${emailIndex(input.email)}`;
  if (await isLocked([mailKey])) return; // quietly: the answer must not differ
  await recordFailure(mailKey, MAILS_PER_ADDRESS);
  const existing = await db.user.findUnique({ where: byEmail(input.email), select: { id: true, locale: true, emailLocale: true } });
  if (existing) {
    await db.$transaction((tx) =>
      writeAudit(tx, null, { action: "user.signUp.knownAddress", entityType: "User", entityId: existing.id, after: { network } }),
    );
    // Written in the owner's language: the request may not have been theirs.
    const locale = mailLocale(existing);
    // Links on the origin this request came through: the one the person chose.
    const base = (await currentOrigin()).origin;
    const content = existingAccountMail(locale, `${base}/sign-in`, `${base}/forgot-password`);
    sendInBackground({ to: input.email, ...content, messageId: newMessageId(), locale }, "sign-up");
    return;
  }
  const { token, hash } = newToken();
  await db.$transaction(async (tx) => {
    const id = randomUUID();
    const { sealed, masterKeyId } = sealWithMaster(Buffer.from(JSON.stringify({ email: input.email, name: input.name }), "utf8"), signUpContext(id));
    const row = await tx.signUpRequest.create({
      data: {
        id,
        emailIndex: emailIndex(input.email),
        personal: new Uint8Array(sealed),
        masterKeyId,
        locale: input.locale,
        passwordHash,
        tokenHash: hash,
        next: safeLocalPath(input.next),
        expiresAt: new Date(now.getTime() + SIGN_UP_TTL_HOURS * 3_600_000),
      },
    });
    await writeAudit(tx, null, { action: "user.signUp.requested", entityType: "SignUpRequest", entityId: row.id, after: { locale: input.locale, network } });
  });
  const locale = input.locale as Locale;
  const content = signUpMail(locale, `${(await currentOrigin()).origin}/sign-up/confirm?token=${token}`, SIGN_UP_TTL_HOURS);
  sendInBackground({ to: input.email, ...content, messageId: newMessageId(), locale }, "sign-up");
}

/**
 * A confirmation link that can still be used, with where it leads afterwards; null when it
 * is unknown, used or expired (for its page and for the sign-in that follows).
 */
export async function usableSignUpLink(token: string, now = new Date()): Promise<{ next: string | null } | null> {
  if (!zToken.safeParse(token).success) return null;
  const row = await db.signUpRequest.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true, next: true } });
  return row && !row.usedAt && row.expiresAt > now ? { next: safeLocalPath(row.next) } : null;
}

/**
 * Uses a confirmation link with the password chosen at sign-up: creates the account, once.
 * Returns the new user's id, or null for a link that is unknown, used, expired or given a
 * wrong password (the fifth wrong one retires it), or whose address got an account meanwhile.
 */
export async function confirmSignUp(token: string, password: string, now = new Date()): Promise<string | null> {
  if (!zToken.safeParse(token).success) return null;
  const row = await db.signUpRequest.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  if (!(await verifyPassword(row.passwordHash, password))) {
    await db.$transaction(async (tx) => {
      const [counted] = await tx.$queryRaw<Array<{ failedAttempts: number }>>`
        UPDATE "SignUpRequest" SET "failedAttempts" = "failedAttempts" + 1,
               "usedAt" = CASE WHEN "failedAttempts" + 1 >= ${CONFIRM_ATTEMPTS} THEN ${now} ELSE "usedAt" END
        WHERE id = ${row.id}::uuid AND "usedAt" IS NULL RETURNING "failedAttempts"`;
      await writeAudit(tx, null, { action: "user.signUp.wrongPassword", entityType: "SignUpRequest", entityId: row.id, after: { attempts: counted?.failedAttempts ?? null } });
    });
    return null;
  }
  try {
    return await db.$transaction(async (tx) => {
      // One confirmation per address at a time: two links of one address used together
      // would otherwise both find no account and both insert.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signup:${row.emailIndex}`}, 0))`;
      // Taking the link in one statement: a second use, or a race of two, finds nothing.
      const taken = await tx.signUpRequest.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
      if (taken.count !== 1) return null;
      if (await tx.user.findUnique({ where: { emailIndex: row.emailIndex }, select: { id: true } })) return null;
      const person = ZSignUpPerson.parse(JSON.parse(openWithMaster(Buffer.from(row.personal), row.masterKeyId, signUpContext(row.id)).toString("utf8")));
      const user = await createPerson(tx, { ...person, locale: row.locale, passwordHash: row.passwordHash });
      // The address's other pending requests (a name and a password hash each) are not kept.
      const discarded = await tx.signUpRequest.deleteMany({ where: { emailIndex: row.emailIndex, id: { not: row.id } } });
      await writeAudit(tx, { userId: user.id, role: "APPLICANT" }, {
        action: "user.registered",
        entityType: "User",
        entityId: user.id,
        after: { locale: row.locale, confirmedRequest: row.id, discardedRequests: discarded.count },
      });
      return user.id;
    });
  } catch (e) {
    // The address got an account in the same instant by another way (an admin, say).
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return null;
    throw e;
  }
}

/** Daily: requests past their time hold a name, an address and a password hash for nothing. */
export async function purgeExpiredSignUps(now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.signUpRequest.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } });
    if (count > 0) await writeAudit(tx, null, { action: "user.signUp.purged", entityType: "SignUpRequest", after: { count } });
    return count;
  });
}
