// Signed checkpoints of the audit streams' heads (decision 0012, point 3): keys, signing,
// and the exported file. Pure: the worker, the audit page and audit:verify all use it.
import {
  type KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "./chain";

export const CHECKPOINT_FORMAT = "most-audit-checkpoints";
const CHECKPOINT_VERSION = 1;
// Domain separation: these bytes can never be mistaken for another signed message.
const SIGNING_PREFIX = "most-audit-checkpoint-v1\n";

export type CheckpointBody = {
  stream: string;
  seq: string;
  headHash: string;
  count: string;
  at: string;
  keyId: string;
};
export type Checkpoint = CheckpointBody & { signature: string };
export type SigningKey = { keyId: string; privateKey: KeyObject; publicKey: KeyObject };
export type PublicKeys = Map<string, KeyObject>;
export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "unknownKey" | "badSignature"; keyId: string };
export type CheckpointFile = {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  checkpoints: Checkpoint[];
};
export type ParsedFile = { ok: true; checkpoints: Checkpoint[] } | { ok: false; message: string };

// ---------------------------------------------------------------------------- keys

const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function checkKeyId(keyId: string, where: string): void {
  // The id is not echoed: in a malformed variable it may be the secret itself.
  if (!KEY_ID.test(keyId)) {
    throw new Error(`${where}: the key id must be 1-64 letters, digits, '_', '.' or '-'`);
  }
}

/** Splits "<keyId>:<base64>" and decodes the base64 strictly. */
function splitKeyEntry(entry: string, where: string): { keyId: string; der: Buffer } {
  const colon = entry.indexOf(":");
  if (colon < 0) throw new Error(`${where}: expected "<keyId>:<base64 key>"`);
  const keyId = entry.slice(0, colon);
  const data = entry.slice(colon + 1);
  checkKeyId(keyId, where);
  const der = Buffer.from(data, "base64");
  if (!BASE64.test(data) || der.toString("base64") !== data) {
    throw new Error(`${where} (key ${keyId}): the key is not valid base64`);
  }
  return { keyId, der };
}

export function generateSigningKey(keyId: string): { signingKey: string; publicKey: string } {
  checkKeyId(keyId, "generateSigningKey");
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
  return {
    signingKey: `${keyId}:${pkcs8}`,
    publicKey: publicKeyString({ keyId, privateKey, publicKey }),
  };
}

export function parseSigningKey(text: string): SigningKey {
  const where = "AUDIT_SIGNING_KEY";
  const { keyId, der } = splitKeyEntry(text.trim(), where);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    throw new Error(`${where} (key ${keyId}): not a PKCS#8 DER private key`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(
      `${where} (key ${keyId}): expected an Ed25519 key, got ${privateKey.asymmetricKeyType}`,
    );
  }
  return { keyId, privateKey, publicKey: createPublicKey(privateKey) };
}

const spkiBase64 = (key: KeyObject): string =>
  key.export({ type: "spki", format: "der" }).toString("base64");

export function parsePublicKeys(text: string): PublicKeys {
  const keys: PublicKeys = new Map();
  // Blank entries are skipped so a trailing comma in the variable is harmless.
  const entries = text.split(",").map((e) => e.trim());
  entries.forEach((entry, i) => {
    if (entry === "") return;
    const where = `AUDIT_PUBLIC_KEYS entry ${i + 1}`;
    const { keyId, der } = splitKeyEntry(entry, where);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: der, format: "der", type: "spki" });
    } catch {
      throw new Error(`${where} (key ${keyId}): not an SPKI DER public key`);
    }
    if (key.asymmetricKeyType !== "ed25519") {
      throw new Error(`${where} (key ${keyId}): expected an Ed25519 key, got ${key.asymmetricKeyType}`);
    }
    const earlier = keys.get(keyId);
    if (earlier && spkiBase64(earlier) !== spkiBase64(key)) {
      throw new Error(`${where}: key id ${keyId} is listed twice with different keys`);
    }
    keys.set(keyId, key);
  });
  return keys;
}

export function publicKeyString(key: SigningKey): string {
  return `${key.keyId}:${spkiBase64(key.publicKey)}`;
}

// ---------------------------------------------------------------------------- schema

// zod reports a missing field as "expected string, received undefined"; say "missing".
const orMissing = (message: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? "missing" : message;
const text = (what: string) => z.string({ error: orMissing(`expected ${what}`) });
// No leading zeros: the verifier compares seq and count with the chain's as strings.
const decimal = text("a decimal string").regex(/^(0|[1-9][0-9]{0,19})$/, {
  error: "expected a non-negative decimal integer without leading zeros",
});
const isIsoUtc = (s: string): boolean => {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s)) return false;
  const d = new Date(s);
  return !Number.isNaN(d.getTime()) && d.toISOString() === s;
};

const ZCheckpointBody = z.strictObject({
  stream: text("a string").regex(/^[^\s\p{Cc}]{1,100}$/u, {
    error: "expected a stream id (1-100 characters, no spaces)",
  }),
  seq: decimal,
  headHash: text("a string").regex(/^[0-9a-f]{64}$/, { error: "expected 64 hex characters" }),
  count: decimal,
  // One spelling only (Date#toISOString's), so equal times are equal strings; the round
  // trip also refuses dates such as 02-30 that Date would roll over.
  at: text("a string").refine(isIsoUtc, {
    error: "expected a UTC time written as 2026-01-31T12:00:00.000Z",
  }),
  keyId: text("a string").regex(KEY_ID, {
    error: "expected a key id of 1-64 letters, digits, '_', '.' or '-'",
  }),
});

const ZCheckpoint = ZCheckpointBody.extend({
  signature: text("a string").refine(
    (s) => Buffer.from(s, "base64url").length === 64 && Buffer.from(s, "base64url").toString("base64url") === s,
    { error: "expected a base64url Ed25519 signature (86 characters)" },
  ),
});

// Not strict at the top: an exported trail carries these fields next to its events.
const ZCheckpointFile = z.object(
  {
    format: z.literal(CHECKPOINT_FORMAT, { error: orMissing(`expected "${CHECKPOINT_FORMAT}"`) }),
    version: z.literal(CHECKPOINT_VERSION, {
      error: orMissing(`expected ${CHECKPOINT_VERSION} (the only version this reader understands)`),
    }),
    checkpoints: z.array(ZCheckpoint, { error: orMissing("expected an array of checkpoints") }),
  },
  { error: "expected a JSON object" },
);

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    "",
  ) || "file";

// ---------------------------------------------------------------------------- signing

export function signingMessage(body: CheckpointBody): Buffer {
  // Only the body's own fields: a signature or stray property never enters the bytes.
  const { stream, seq, headHash, count, at, keyId } = body;
  return Buffer.from(SIGNING_PREFIX + canonicalJson({ stream, seq, headHash, count, at, keyId }), "utf8");
}

export function signCheckpoint(body: Omit<CheckpointBody, "keyId">, key: SigningKey): Checkpoint {
  const parsed = ZCheckpointBody.safeParse({ ...body, keyId: key.keyId });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`signCheckpoint: ${formatPath(issue.path)}: ${issue.message}`);
  }
  const full = parsed.data;
  const signature = sign(null, signingMessage(full), key.privateKey).toString("base64url");
  return { ...full, signature };
}

export function checkSignature(cp: Checkpoint, keys: PublicKeys): SignatureCheck {
  const key = keys.get(cp.keyId);
  if (!key) return { ok: false, reason: "unknownKey", keyId: cp.keyId };
  let ok = false;
  try {
    ok = verify(null, signingMessage(cp), key, Buffer.from(cp.signature, "base64url"));
  } catch {
    ok = false; // a signature of the wrong length is simply not a match
  }
  return ok ? { ok: true } : { ok: false, reason: "badSignature", keyId: cp.keyId };
}

export function verifyCheckpointSignatures(
  cps: Checkpoint[],
  keys: PublicKeys,
): { ok: true } | { ok: false; message: string; index: number } {
  for (const [index, cp] of cps.entries()) {
    const check = checkSignature(cp, keys);
    if (check.ok) continue;
    const what = `checkpoint ${index} (stream ${cp.stream}, seq ${cp.seq})`;
    const message =
      check.reason === "unknownKey"
        ? `${what}: signed by unknown key ${check.keyId}`
        : `${what}: signature does not match (key ${check.keyId})`;
    return { ok: false, message, index };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------- file

export function serialiseCheckpoints(cps: Checkpoint[]): string {
  const file: CheckpointFile = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    // Fixed field order, and nothing but the checkpoint's fields.
    checkpoints: cps.map(({ stream, seq, headHash, count, at, keyId, signature }) => ({
      stream, seq, headHash, count, at, keyId, signature,
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function parseCheckpointFile(text: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = ZCheckpointFile.safeParse(json);
  if (parsed.success) return { ok: true, checkpoints: parsed.data.checkpoints };
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
  return { ok: false, message: `${formatPath(first!.path)}: ${first!.message}${more}` };
}
