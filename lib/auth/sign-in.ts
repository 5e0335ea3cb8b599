// Password sign-in: throttling, verification, session creation and audit events.
// Every refusal looks the same to the caller, whether or not the account exists.
import "server-only";
import { originOfHeaders } from "../portal-origins";
import { db } from "../db";
import { writeAudit } from "../audit/write";
import type { AuditAction } from "../audit/events";
import { addressTag, clientAddressFrom } from "../request";
import { sessionKindOf } from "./actor";
import { verifyPassword } from "./password";
import { ZSignIn } from "./schemas";
import { createSession } from "./sessions";
import { verifyPasskeyAssertion } from "./mfa/passkeys";
import { confirmSignUp } from "../users/registration";
import { byEmail } from "../users/personal-data";
import {
  THROTTLE,
  accountKey,
  addressKey,
  clearFailures,
  isKnownAddress,
  isLocked,
  lockedKeys,
  pairKey,
  recordFailure,
} from "./throttle";

export type AuthResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; code: "invalid" | "throttled" };

async function auditSignIn(action: AuditAction, userId: string | null, after: object) {
  await db.$transaction((tx) =>
    writeAudit(tx, userId ? { userId } : null, {
      action,
      entityType: "User",
      entityId: userId,
      after,
    }),
  );
}

export async function authenticate(
  credentials: Partial<Record<string, unknown>>,
  headers: Headers,
): Promise<AuthResult> {
  const parsed = ZSignIn.safeParse(credentials);
  if (!parsed.success) return { ok: false, code: "invalid" };
  const { email, password } = parsed.data;
  const ip = addressTag(clientAddressFrom(headers));
  const keys = { pair: pairKey(email, ip), address: addressKey(ip), account: accountKey(email) };

  const user = await db.user.findUnique({
    where: byEmail(email),
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const locked = await lockedKeys(Object.values(keys));
  // The account-wide lock (many addresses guessing) spares the owner's usual addresses.
  const accountLocked = locked.has(keys.account) && !(user && (await isKnownAddress(user.id, ip)));
  if (locked.has(keys.pair) || locked.has(keys.address) || accountLocked) {
    await auditSignIn("auth.signIn.throttled", user?.id ?? null, { network: ip });
    return { ok: false, code: "throttled" };
  }
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.disabledAt) {
    const results = [
      await recordFailure(keys.pair, THROTTLE.pairFailures),
      await recordFailure(keys.address, THROTTLE.addressFailures),
      await recordFailure(keys.account, THROTTLE.accountFailures),
    ];
    const reason = !user ? "unknownAccount" : !valid ? "badPassword" : "disabled";
    await auditSignIn("auth.signIn.failed", user?.id ?? null, { reason, network: ip });
    if (results.some((r) => r.locked)) {
      await auditSignIn("auth.signIn.locked", user?.id ?? null, { network: ip });
    }
    return { ok: false, code: "invalid" };
  }
  // The account-wide counter is left to expire: the owner's success must not reset an attack.
  await clearFailures(keys.pair);
  const session = await createSession(user.id, await sessionKindOf(user.id), {
    ip,
    userAgent: headers.get("user-agent") ?? undefined,
    origin: originOfHeaders(headers).origin,
  });
  await auditSignIn("auth.signIn.succeeded", user.id, { network: ip });
  return { ok: true, userId: user.id, sessionId: session.id };
}

/** Passwordless sign-in with a passkey (user verification required): both factors at once. */
export async function authenticatePasskey(credentials: Partial<Record<string, unknown>>, headers: Headers): Promise<AuthResult> {
  const ip = addressTag(clientAddressFrom(headers));
  if (await isLocked([addressKey(ip)])) return { ok: false, code: "throttled" };
  const challengeId = typeof credentials.challengeId === "string" && /^[0-9a-f-]{36}$/.test(credentials.challengeId) ? credentials.challengeId : null;
  const raw = typeof credentials.response === "string" && credentials.response.length < 20_000 ? credentials.response : null;
  let userId: string | null = null;
  try {
    if (challengeId && raw) userId = await verifyPasskeyAssertion(challengeId, JSON.parse(raw), null);
  } catch {
    userId = null;
  }
  const user = userId ? await db.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } }) : null;
  if (!user || user.disabledAt) {
    await recordFailure(addressKey(ip), THROTTLE.addressFailures);
    await auditSignIn("auth.signIn.failed", user?.id ?? null, { reason: "passkey", network: ip });
    return { ok: false, code: "invalid" };
  }
  const session = await createSession(user.id, await sessionKindOf(user.id), { ip, userAgent: headers.get("user-agent") ?? undefined, mfaVerified: true, origin: originOfHeaders(headers).origin });
  await auditSignIn("auth.signIn.succeeded", user.id, { network: ip, method: "passkey" });
  return { ok: true, userId: user.id, sessionId: session.id };
}

/**
 * The first sign-in of a new applicant: the link that confirms their e-mail address and the
 * password they chose at sign-up. Throttled per client address like every other sign-in.
 */
export async function authenticateSignUp(credentials: Partial<Record<string, unknown>>, headers: Headers): Promise<AuthResult> {
  const ip = addressTag(clientAddressFrom(headers));
  if (await isLocked([addressKey(ip)])) return { ok: false, code: "throttled" };
  const { token, password } = credentials;
  const userId = typeof token === "string" && typeof password === "string" ? await confirmSignUp(token, password) : null;
  if (!userId) {
    await recordFailure(addressKey(ip), THROTTLE.addressFailures);
    await auditSignIn("auth.signIn.failed", null, { reason: "signUpLink", network: ip });
    return { ok: false, code: "invalid" };
  }
  const session = await createSession(userId, await sessionKindOf(userId), { ip, userAgent: headers.get("user-agent") ?? undefined, origin: originOfHeaders(headers).origin });
  await auditSignIn("auth.signIn.succeeded", userId, { network: ip, method: "signUpLink" });
  return { ok: true, userId, sessionId: session.id };
}
