// Passkeys through the real @simplewebauthn/server checks (lib/auth/mfa/passkeys.ts), with a
// software authenticator: signatures real keys make, and data stored by earlier versions.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  completePasskeyRegistration,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  verifyPasskeyAssertion,
} from "@/lib/auth/mfa/passkeys";
import { createSession } from "@/lib/auth/sessions";
import { makeUser } from "../factories";
import { SoftAuthenticator, signatureHalfLengths } from "../factories/soft-authenticator";

const refused = { fields: { passkey: "errors.mfa.passkeyFailed" } };

async function userWithPasskey() {
  const user = await makeUser();
  const key = await new SoftAuthenticator().enrolFor(user.id);
  return { user, key };
}

describe("passkey assertions", () => {
  // About 1 ECDSA signature in 128 has an r or s below 2^248, which DER encodes in fewer than
  // 32 bytes. @simplewebauthn/server 9.0.3 did not pad it back and refused such valid
  // signatures, so real sign-ins failed now and then (decision 0011).
  it.each(["r", "s"] as const)("accepts a valid signature whose %s is shorter than 32 bytes", async (half) => {
    const { user, key } = await userWithPasskey();
    const { challengeId, options } = await passkeyAuthenticationOptions(user.id);
    const assertion = key.assert(options.challenge, { shortHalf: half });
    expect(signatureHalfLengths(Buffer.from(assertion.response.signature, "base64url"))[half]).toBeLessThan(32);
    await expect(verifyPasskeyAssertion(challengeId, assertion, user.id)).resolves.toBe(user.id);
  });

  it("accepts a short signature for passwordless sign-in too", async () => {
    const { user, key } = await userWithPasskey();
    const { challengeId, options } = await passkeyAuthenticationOptions(null);
    await expect(verifyPasskeyAssertion(challengeId, key.assert(options.challenge, { shortHalf: "r" }), null)).resolves.toBe(user.id);
  });

  it("refuses a signature made by another key, and a counter that went backwards", async () => {
    const { user, key } = await userWithPasskey();
    const other = new SoftAuthenticator();
    const first = await passkeyAuthenticationOptions(user.id);
    const forged = { ...other.assert(first.options.challenge), id: key.id, rawId: key.id };
    await expect(verifyPasskeyAssertion(first.challengeId, forged, user.id)).rejects.toMatchObject(refused);
    // A stored counter above the authenticator's means a cloned key.
    await db.passkey.update({ where: { id: key.id }, data: { counter: 1000n } });
    const second = await passkeyAuthenticationOptions(user.id);
    await expect(verifyPasskeyAssertion(second.challengeId, key.assert(second.options.challenge), user.id)).rejects.toMatchObject(refused);
  });
});

describe("passkeys stored by @simplewebauthn 9.x", () => {
  it("offers stored credential ids as they are and keeps the user handle 9.x sent", async () => {
    const { user, key } = await userWithPasskey();
    const { options } = await passkeyRegistrationOptions({ userId: user.id, email: user.email });
    // 9.x took the user id as a string and the browser sent its UTF-8 bytes as the handle.
    expect(Buffer.from(options.user.id, "base64url").toString("utf8")).toBe(user.id);
    expect(options.user).toMatchObject({ name: user.email, displayName: user.email });
    expect(options.excludeCredentials).toEqual([{ id: key.id, type: "public-key", transports: ["internal"] }]);
    const auth = await passkeyAuthenticationOptions(user.id);
    expect(auth.options.allowCredentials).toEqual([{ id: key.id, type: "public-key", transports: ["internal"] }]);
  });

  it("verifies a passkey stored in 9.x's form (base64url id, COSE key bytes, counter) and advances its counter", async () => {
    const { user, key } = await userWithPasskey();
    for (let i = 0; i < 2; i++) {
      const { challengeId, options } = await passkeyAuthenticationOptions(user.id);
      await expect(verifyPasskeyAssertion(challengeId, key.assert(options.challenge), user.id)).resolves.toBe(user.id);
    }
    const row = await db.passkey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.counter).toBe(2n); // the soft key counts each use from 1
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("stores a new registration in the same form, which then signs in", async () => {
    const user = await makeUser();
    const session = await createSession(user.id, "applicant", {});
    const key = new SoftAuthenticator();
    const { challengeId, options } = await passkeyRegistrationOptions({ userId: user.id, email: user.email });
    await completePasskeyRegistration({ userId: user.id, sessionId: session.id }, challengeId, key.register(options.challenge), "Laptop");
    const row = await db.passkey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row).toMatchObject({ userId: user.id, counter: 1n, transports: ["internal"], name: "Laptop" });
    expect(row.id).toBe(key.credentialId.toString("base64url"));
    // The COSE key bytes as the authenticator sent them, as 9.x stored them.
    expect(Buffer.from(row.publicKey).equals(key.cosePublicKey)).toBe(true);
    const auth = await passkeyAuthenticationOptions(null);
    await expect(verifyPasskeyAssertion(auth.challengeId, key.assert(auth.options.challenge), null)).resolves.toBe(user.id);
  });
});
