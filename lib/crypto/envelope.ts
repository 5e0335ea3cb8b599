// Envelope encryption: data is sealed with a per-record data key (AES-256-GCM); the data
// key is wrapped by a master key that lives only in the environment. Destroying the
// wrapped data key makes the data unrecoverable, whatever backups hold.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "../env";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type MasterKeys = { currentId: string; keys: Map<string, Buffer> };

export function parseMasterKeys(spec: string): MasterKeys {
  const keys = new Map<string, Buffer>();
  let currentId = "";
  for (const part of spec.split(",")) {
    const [id, b64] = part.split(":");
    if (!id || !b64) throw new Error("malformed master key entry");
    const key = Buffer.from(b64, "base64");
    if (key.length !== KEY_BYTES) throw new Error(`master key ${id} is not 32 bytes`);
    keys.set(id, key);
    if (!currentId) currentId = id;
  }
  return { currentId, keys };
}

let parsed: { spec: string; keys: MasterKeys } | undefined;

/** The configured master keys; re-read when the variable changes (rotation). */
export function masterKeys(): MasterKeys {
  const spec = process.env.MOST_MASTER_KEYS ?? env().MOST_MASTER_KEYS;
  if (parsed?.spec !== spec) parsed = { spec, keys: parseMasterKeys(spec) };
  return parsed.keys;
}

/** iv | tag | ciphertext, with `aad` bound so a sealed value cannot be moved between rows. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Small secrets (TOTP seeds) sealed directly with the current master key. */
export function sealWithMaster(plaintext: Buffer, context: string, mk: MasterKeys = masterKeys()) {
  return { sealed: seal(mk.keys.get(mk.currentId)!, plaintext, `secret:${context}`), masterKeyId: mk.currentId };
}

export function openWithMaster(sealed: Buffer, masterKeyId: string, context: string, mk: MasterKeys = masterKeys()): Buffer {
  const key = mk.keys.get(masterKeyId);
  if (!key) throw new Error(`master key ${masterKeyId} is not configured`);
  return open(key, sealed, `secret:${context}`);
}
