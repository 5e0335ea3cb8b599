// Passkeys (WebAuthn) via @simplewebauthn/server: registration, use as a second factor,
// and passwordless sign-in. Challenges are stored server-side and used once.
import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoUint8Array } from "@simplewebauthn/server/helpers";
import type { Actor } from "../actor";
import { writeAudit } from "../../audit/write";
import { db } from "../../db";
import { currentOrigin } from "../../portal-origins";
import { AppError } from "../../errors";
import { renewSession } from "../sessions";

const CHALLENGE_MINUTES = 5;

/**
 * The origin the request came through: a passkey belongs to one host name, so one made on the
 * onion service is offered there only, and one made on the clearnet name only there.
 */
async function relyingParty() {
  const o = await currentOrigin();
  return { rpID: o.hostname, origin: o.origin };
}

/**
 * The WebAuthn user handle: the UTF-8 bytes of our user id, which is what 9.x sent (it took a
 * string). The same handle lets an authenticator replace, not duplicate, a passkey made then.
 */
function userHandle(userId: string) {
  return isoUint8Array.fromUTF8String(userId);
}

/** Our stored passkeys as WebAuthn credential descriptors (ids are base64url, as stored). */
function descriptors(passkeys: { id: string; transports: string[] }[]) {
  return passkeys.map((p) => ({ id: p.id, transports: p.transports }));
}

async function storeChallenge(userId: string | null, purpose: string, challenge: string) {
  await db.authChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const row = await db.authChallenge.create({
    data: { userId, purpose, challenge, expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000) },
  });
  return row.id;
}

/** Takes a challenge out of the store: valid once, within its lifetime, for its purpose. */
async function takeChallenge(id: string, purpose: string, userId: string | null) {
  const row = await db.authChallenge.findUnique({ where: { id } });
  if (!row) throw new AppError("validation", { passkey: "errors.mfa.passkeyFailed" });
  await db.authChallenge.delete({ where: { id } });
  if (row.purpose !== purpose || row.expiresAt < new Date() || (userId && row.userId !== userId)) {
    throw new AppError("validation", { passkey: "errors.mfa.passkeyFailed" });
  }
  return row.challenge;
}

export async function passkeyRegistrationOptions(actor: Pick<Actor, "userId" | "email">) {
  const existing = await db.passkey.findMany({ where: { userId: actor.userId } });
  const options = await generateRegistrationOptions({
    rpName: "Most",
    rpID: (await relyingParty()).rpID,
    userID: userHandle(actor.userId),
    userName: actor.email,
    userDisplayName: actor.email, // 9.x defaulted it to userName; later versions leave it empty
    attestationType: "none",
    excludeCredentials: descriptors(existing),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  return { options, challengeId: await storeChallenge(actor.userId, "register", options.challenge) };
}

export async function completePasskeyRegistration(
  actor: Pick<Actor, "userId" | "sessionId">,
  challengeId: string,
  response: RegistrationResponseJSON,
  name: string,
): Promise<string> {
  const expectedChallenge = await takeChallenge(challengeId, "register", actor.userId);
  const { rpID, origin } = await relyingParty();
  const result = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false }).catch(() => null);
  if (!result?.verified || !result.registrationInfo) throw new AppError("validation", { passkey: "errors.mfa.passkeyFailed" });
  const { credential } = result.registrationInfo;
  return db.$transaction(async (tx) => {
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId: actor.userId,
        publicKey: credential.publicKey,
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: name.slice(0, 60) || "Passkey",
      },
    });
    await writeAudit(tx, { userId: actor.userId }, { action: "auth.passkey.registered", entityType: "User", entityId: actor.userId });
    // Registering proves possession of the new factor: the session is renewed as checked.
    return renewSession(tx, actor.sessionId, { mfaVerifiedAt: new Date() });
  });
}

/** Options for a passkey check: the user's own credentials, or any (passwordless sign-in). */
export async function passkeyAuthenticationOptions(userId: string | null) {
  const allow = userId ? await db.passkey.findMany({ where: { userId } }) : [];
  const options = await generateAuthenticationOptions({
    rpID: (await relyingParty()).rpID,
    allowCredentials: descriptors(allow),
    userVerification: userId ? "preferred" : "required",
  });
  return { options, challengeId: await storeChallenge(userId, userId ? "second-factor" : "sign-in", options.challenge) };
}

/** Verifies an assertion; returns the user it belongs to. */
export async function verifyPasskeyAssertion(challengeId: string, response: AuthenticationResponseJSON, expectedUserId: string | null) {
  const expectedChallenge = await takeChallenge(challengeId, expectedUserId ? "second-factor" : "sign-in", expectedUserId);
  const passkey = await db.passkey.findUnique({ where: { id: response.id } });
  if (!passkey || (expectedUserId && passkey.userId !== expectedUserId)) throw new AppError("validation", { passkey: "errors.mfa.passkeyFailed" });
  const { rpID, origin } = await relyingParty();
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: !expectedUserId,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: passkey.transports,
    },
  }).catch(() => null);
  if (!result?.verified) throw new AppError("validation", { passkey: "errors.mfa.passkeyFailed" });
  await db.passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: new Date() } });
  return passkey.userId;
}

export async function listPasskeys(userId: string) {
  return db.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } });
}

export async function removePasskey(actor: Actor, passkeyId: string) {
  await db.$transaction(async (tx) => {
    const removed = await tx.passkey.deleteMany({ where: { id: passkeyId, userId: actor.userId } });
    if (removed.count !== 1) throw new AppError("notFound");
    await writeAudit(tx, actor, { action: "auth.passkey.removed", entityType: "User", entityId: actor.userId });
  });
}
