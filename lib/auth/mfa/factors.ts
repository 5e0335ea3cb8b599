// Enrolment and use of second factors: TOTP with ten one-time recovery codes, and
// passkeys (see passkeys.ts). Passing one renews the session (a new id, second factor
// checked now): the caller sets the new cookie (lib/auth/session-cookie.ts).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import QRCode from "qrcode";
import type { Actor } from "../actor";
import { writeAudit } from "../../audit/write";
import type { AuditAction } from "../../audit/events";
import { openWithMaster, sealWithMaster } from "../../crypto/envelope";
import { db } from "../../db";
import { AppError } from "../../errors";
import { renewSession } from "../sessions";
import { STEP_UP_MINUTES } from "./step-up";
import { isLocked, recordFailure } from "../throttle";
import { matchTotp, newTotpSecret, totpFor } from "./totp";

const RECOVERY_CODES = 10;
const MFA_FAILURES = 5;
const hash = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");
const mfaKey = (userId: string) => `mfa:${userId}`;

function recoveryCode(): string {
  const raw = randomBytes(10).toString("base64url").replace(/[-_]/g, "X").toUpperCase().slice(0, 12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

export type FactorStatus = { totp: boolean; totpConfirmedAt: Date | null; passkeys: number; recoveryCodesLeft: number };

export async function factorStatus(userId: string): Promise<FactorStatus> {
  const [totp, passkeys, codes] = await Promise.all([
    db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.passkey.count({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), totpConfirmedAt: totp?.confirmedAt ?? null, passkeys, recoveryCodesLeft: codes };
}

/**
 * The session was verified by enrolling its authenticator app (same instant), within the
 * step-up window: pages keep the enrolment form, whose state holds the recovery codes, when
 * the renewed cookie re-renders them. Later the same session is asked for a code as any other
 * (otherwise /mfa would show "set up" where a step-up is due, and send the person round).
 */
export function verifiedByEnrolment(actor: Pick<Actor, "mfaVerifiedAt">, factors: FactorStatus, now = new Date()): boolean {
  const at = factors.totpConfirmedAt;
  return at !== null && actor.mfaVerifiedAt?.getTime() === at.getTime() && now.getTime() - at.getTime() <= STEP_UP_MINUTES * 60_000;
}

/** Starts (or restarts) TOTP enrolment: a new secret, not active until confirmed. */
export async function beginTotpEnrolment(actor: Pick<Actor, "userId" | "email">) {
  const existing = await db.totpFactor.findUnique({ where: { userId: actor.userId } });
  if (existing?.confirmedAt) throw new AppError("conflict");
  const secret = newTotpSecret();
  const { sealed, masterKeyId } = sealWithMaster(Buffer.from(secret), `totp:${actor.userId}`);
  await db.totpFactor.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, secret: new Uint8Array(sealed), masterKeyId },
    update: { secret: new Uint8Array(sealed), masterKeyId, lastStep: 0 },
  });
  const uri = totpFor(secret, actor.email).toString();
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, width: 192 }) };
}

/**
 * The enrolment begun and not confirmed yet, shown again after a wrong first code: a form
 * posted without JavaScript re-renders the page, and the code form needs the secret on it.
 */
export async function pendingTotpEnrolment(actor: Pick<Actor, "userId" | "email">) {
  const s = await secretOf(actor.userId);
  if (!s || s.factor.confirmedAt) return null;
  const uri = totpFor(s.secret, actor.email).toString();
  return { secret: s.secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, width: 192 }) };
}

async function secretOf(userId: string) {
  const f = await db.totpFactor.findUnique({ where: { userId } });
  if (!f) return null;
  return { factor: f, secret: openWithMaster(Buffer.from(f.secret), f.masterKeyId, `totp:${userId}`).toString() };
}

/**
 * Confirms enrolment with a first code; returns the recovery codes, shown only now, and
 * the id of the renewed session.
 */
export async function confirmTotpEnrolment(actor: Pick<Actor, "userId" | "sessionId">, code: string, now = new Date()) {
  const s = await secretOf(actor.userId);
  if (!s || s.factor.confirmedAt) throw new AppError("invalidTransition");
  const step = matchTotp(s.secret, code.trim(), s.factor.lastStep);
  if (step === null) throw new AppError("validation", { code: "errors.mfa.wrongCode" });
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  const sessionId = await db.$transaction(async (tx) => {
    await tx.totpFactor.update({ where: { userId: actor.userId }, data: { confirmedAt: now, lastStep: step } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: actor.userId, codeHash: hash(c) })) });
    await writeAudit(tx, { userId: actor.userId }, { action: "auth.mfa.enrolled", entityType: "User", entityId: actor.userId, after: { factor: "totp" } });
    // A new session id: a copy of the password-only cookie must not become verified. The
    // renewed session's mfaVerifiedAt equals the factor's confirmedAt, which is how the /mfa
    // page knows to keep showing the recovery codes after the cookie change re-renders it.
    return renewSession(tx, actor.sessionId, { mfaVerifiedAt: now }, now);
  });
  return { codes, sessionId };
}

/**
 * Checks a TOTP or recovery code for the session's user and renews the session as
 * verified; returns the new session id. Wrong codes are counted; after five the second
 * factor is locked for 15 minutes.
 */
export async function verifySecondFactor(session: { userId: string; sessionId: string }, input: string, now = new Date()): Promise<string> {
  const code = input.trim();
  if (await isLocked([mfaKey(session.userId)], now)) {
    await audit(session.userId, "auth.mfa.locked", {});
    throw new AppError("rateLimited");
  }
  const s = await secretOf(session.userId);
  // Using the code and renewing the session are one transaction: a session that cannot be
  // renewed (ended meanwhile) leaves the code unused.
  const renewed = await db.$transaction(async (tx) => {
    let method: "totp" | "recovery" | null = null;
    if (s?.factor.confirmedAt && /^\d{6}$/.test(code)) {
      const step = matchTotp(s.secret, code, s.factor.lastStep, now.getTime());
      if (step !== null) {
        // Only a strictly later step wins, even against a concurrent use of the same code.
        const won = await tx.totpFactor.updateMany({ where: { userId: session.userId, lastStep: { lt: step } }, data: { lastStep: step } });
        if (won.count === 1) method = "totp";
      }
    } else if (code.length >= 12) {
      const used = await tx.recoveryCode.updateMany({ where: { userId: session.userId, codeHash: hash(code), usedAt: null }, data: { usedAt: now } });
      if (used.count === 1) method = "recovery";
    }
    return method ? verifiedIn(tx, session.sessionId, session.userId, method, now) : null;
  });
  if (!renewed) {
    await recordFailure(mfaKey(session.userId), MFA_FAILURES, now);
    await audit(session.userId, "auth.mfa.failed", {});
    throw new AppError("validation", { code: "errors.mfa.wrongCode" });
  }
  return renewed;
}

/** Records a passed second factor: the session is renewed; returns the new id. */
export async function markVerified(sessionId: string, userId: string, method: string, now = new Date()): Promise<string> {
  return db.$transaction((tx) => verifiedIn(tx, sessionId, userId, method, now));
}

async function verifiedIn(tx: Prisma.TransactionClient, sessionId: string, userId: string, method: string, now: Date) {
  await writeAudit(tx, { userId }, { action: "auth.mfa.succeeded", entityType: "User", entityId: userId, after: { method } });
  return renewSession(tx, sessionId, { mfaVerifiedAt: now }, now);
}

async function audit(userId: string, action: AuditAction, after: object) {
  await db.$transaction((tx) => writeAudit(tx, { userId }, { action, entityType: "User", entityId: userId, after }));
}

/** New recovery codes replace the old ones (after a fresh second-factor check). */
export async function regenerateRecoveryCodes(actor: Actor) {
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: actor.userId, codeHash: hash(c) })) });
    await writeAudit(tx, actor, { action: "auth.mfa.recoveryRegenerated", entityType: "User", entityId: actor.userId });
  });
  return codes;
}
