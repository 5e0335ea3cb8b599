// A software passkey (WebAuthn, ES256, attestation "none") that answers the portal's real
// registration and authentication options, so tests can pass the real verification of
// lib/auth/mfa/passkeys.ts (@simplewebauthn/server) instead of sending a refused dummy.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { db } from "../../lib/db";
import { env } from "../../lib/env";

type CborValue = number | string | Uint8Array | CborValue[] | Map<number | string, CborValue>;

/** Just enough CBOR (RFC 8949) for an attestation object and a COSE key. */
function cbor(value: CborValue): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
    throw new Error("CBOR length too large for this encoder");
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

function relyingParty() {
  const url = new URL(env().APP_URL);
  return { rpId: url.hostname, origin: url.origin };
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly key: KeyObject;
  /** The public key as a COSE_Key, as the authenticator sends it and the portal stores it. */
  readonly cosePublicKey: Buffer;
  private counter = 0;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.key = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    this.cosePublicKey = cbor(new Map<number, CborValue>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")]]));
  }

  get id() {
    return b64u(this.credentialId);
  }

  private authData(flags: number, attested?: Buffer) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(++this.counter);
    return Buffer.concat([sha256(relyingParty().rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: "webauthn.create" | "webauthn.get", challenge: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: relyingParty().origin, crossOrigin: false }));
  }

  /** The browser's answer to registration options (user present and verified). */
  register(challenge: string) {
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, this.cosePublicKey]);
    const attestationObject = cbor(new Map<string, CborValue>([["fmt", "none"], ["attStmt", new Map()], ["authData", this.authData(0x45, attested)]]));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: { clientDataJSON: b64u(this.clientData("webauthn.create", challenge)), attestationObject: b64u(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
    };
  }

  /**
   * The browser's answer to authentication options, signed with this passkey (user verified).
   * `shortHalf` signs until that half of the ECDSA signature (r or s) is shorter than 32
   * bytes, as about 1 real signature in 128 is; by default it signs once, like a real key.
   */
  assert(challenge: string, opts: { shortHalf?: "r" | "s" } = {}) {
    const authenticatorData = this.authData(0x05);
    const clientDataJSON = this.clientData("webauthn.get", challenge);
    const signOnce = () => sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.key);
    const signature = opts.shortHalf ? signatureWithShort(opts.shortHalf, signOnce) : signOnce();
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authenticatorData), signature: b64u(signature) },
      clientExtensionResults: {},
    };
  }

  /** Stores this passkey for a user, as a completed registration would. */
  async enrolFor(userId: string, name = "Soft key") {
    await db.passkey.create({ data: { id: this.id, userId, publicKey: new Uint8Array(this.cosePublicKey), counter: 0n, transports: ["internal"], name } });
    return this;
  }
}

/**
 * The lengths of r and s in a DER-encoded P-256 ECDSA signature (SEQUENCE of two INTEGERs),
 * without the zero byte DER puts before a value whose top bit is set.
 */
export function signatureHalfLengths(der: Uint8Array): { r: number; s: number } {
  if (der[0] !== 0x30 || der[2] !== 0x02) throw new Error("not a DER ECDSA signature");
  const rLen = der[3]!;
  if (der[4 + rLen] !== 0x02) throw new Error("not a DER ECDSA signature");
  const sLen = der[5 + rLen]!;
  const significant = (start: number, len: number) => (der[start] === 0 ? len - 1 : len);
  return { r: significant(4, rLen), s: significant(6 + rLen, sLen) };
}

/**
 * A half is shorter than 32 bytes when its top byte is zero: about 1 signature in 256 each.
 * The bound is never reached in practice (missing it 100,000 times has odds of about e^-390).
 */
function signatureWithShort(half: "r" | "s", signOnce: () => Buffer): Buffer {
  for (let i = 0; i < 100_000; i++) {
    const der = signOnce();
    if (signatureHalfLengths(der)[half] < 32) return der;
  }
  throw new Error(`no signature with a short ${half} in 100,000 tries`);
}
