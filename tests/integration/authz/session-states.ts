// Sessions that must not carry their user's rights: a real Session row of a matrix actor,
// put into one state each, presented as the real cookie. The limits come from lib/auth,
// so the rows follow them when they change.
import { db } from "@/lib/db";
import { sessionKindOf } from "@/lib/auth/actor";
import { createSession, SESSION_LIMITS } from "@/lib/auth/sessions";
import { STEP_UP_MINUTES } from "@/lib/auth/mfa/step-up";
import { newRequest, signInAs } from "../../setup/next-mocks";
import { SoftAuthenticator } from "../../factories/soft-authenticator";

export const SESSION_STATES = {
  revoked: "revoked session (signed out elsewhere)",
  idle: "expired session: idle longer than its limit",
  absolute: "expired session: older than its absolute limit",
  expired: "expired session: past its expiry",
  disabled: "disabled user",
  passwordOnly: "second factor not yet passed (password only: no roles)",
  staleStepUp: "step-up older than its limit",
} as const;
export type SessionState = keyof typeof SESSION_STATES;

const MIN = 60_000;

/**
 * Signs the user in for the next call with a new session in `state`. Returns `after`, to
 * run once the call's writes are measured (a disabled user is enabled again).
 */
export async function beginRequestIn(state: SessionState, userId: string): Promise<{ sessionId: string; after: () => Promise<void> }> {
  const now = Date.now();
  const limits = SESSION_LIMITS[await sessionKindOf(userId)];
  // Created just now, so the check has no reason to touch it: any write is the call's.
  const { id } = await createSession(userId, await sessionKindOf(userId), { mfaVerified: true }, new Date(now));
  const set = (data: Parameters<typeof db.session.update>[0]["data"]) => db.session.update({ where: { id }, data });
  let after = async () => {};
  switch (state) {
    case "revoked":
      await set({ revokedAt: new Date(now - MIN), revokedReason: "signed out" });
      break;
    case "idle":
      await set({ createdAt: new Date(now - (limits.idleMinutes + 2) * MIN), lastSeenAt: new Date(now - (limits.idleMinutes + 1) * MIN) });
      break;
    case "absolute":
      // Still before its stored expiry and seen a minute ago: only the absolute limit ends it.
      await set({ createdAt: new Date(now - limits.absoluteHours * 60 * MIN - MIN), expiresAt: new Date(now + 60 * MIN) });
      break;
    case "expired":
      await set({ expiresAt: new Date(now - MIN) });
      break;
    case "disabled":
      await db.user.update({ where: { id: userId }, data: { disabledAt: new Date(now - MIN) } });
      after = async () => void (await db.user.update({ where: { id: userId }, data: { disabledAt: null } }));
      break;
    case "passwordOnly": {
      // Someone with a factor (staff must have one) who has signed in with the password only.
      const factors = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totp: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } } });
      if (!factors.totp?.confirmedAt && factors._count.passkeys === 0) await new SoftAuthenticator().enrolFor(userId);
      await set({ mfaVerifiedAt: null });
      break;
    }
    case "staleStepUp":
      await set({ mfaVerifiedAt: new Date(now - (STEP_UP_MINUTES + 1) * MIN) });
      break;
  }
  newRequest();
  await signInAs({ userId, sessionId: id });
  return { sessionId: id, after };
}

/** What the session check itself may write while refusing: ending the presented session. */
export async function onlyEndedItself(sessionId: string, changes: Record<string, number>) {
  const { Session: sessionRows = 0, ...others } = changes;
  if (Object.keys(others).length > 0 || sessionRows > 1) return false;
  if (sessionRows === 0) return true;
  return Boolean((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt);
}
