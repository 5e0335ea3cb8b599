// Files sealed in chunks (AES-256-GCM), so large files stream in bounded memory and a
// download can start before the whole file is read. Layout:
//   "MSF1" | salt (16) | chunk size (u32 BE) | chunk… where chunk = ciphertext | tag (16)
// Each file gets its own key, HKDF(data key, salt, context), so chunk nonces can simply
// count. Every chunk's AAD carries its index and whether it is the last one, which makes
// reordering, dropping or truncating chunks fail authentication (the STREAM construction).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

const MAGIC = Buffer.from("MSF1");
const SALT_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + 4;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;

export class SealedFileError extends Error {}

// The chunk size is part of the derivation: a changed header yields another key, not a
// different reading of the same ciphertext.
function fileKey(dataKey: Buffer, salt: Buffer, context: string, chunkBytes: number): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey, salt, `most:file:${chunkBytes}:${context}`, 32));
}

function nonce(index: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(Math.floor(index / 2 ** 32), 4);
  iv.writeUInt32BE(index % 2 ** 32, 8);
  return iv;
}

const chunkAad = (index: number, last: boolean) => Buffer.from(`${index}:${last ? 1 : 0}`);

function sealChunk(key: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv("aes-256-gcm", key, nonce(index));
  c.setAAD(chunkAad(index, last));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function openChunk(key: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const d = createDecipheriv("aes-256-gcm", key, nonce(index));
  d.setAAD(chunkAad(index, last));
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
  } catch {
    throw new SealedFileError(`chunk ${index} does not authenticate`);
  }
}

/** A stream that seals what is written to it; `context` binds the file to its owner. */
export function sealingStream(dataKey: Buffer, context: string, chunkBytes = DEFAULT_CHUNK_BYTES): Transform {
  const salt = randomBytes(SALT_BYTES);
  const key = fileKey(dataKey, salt, context, chunkBytes);
  let pending = Buffer.alloc(0);
  let index = 0;
  let headerSent = false;
  const header = () => {
    if (headerSent) return [];
    headerSent = true;
    const size = Buffer.alloc(4);
    size.writeUInt32BE(chunkBytes);
    return [MAGIC, salt, size];
  };
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      pending = Buffer.concat([pending, data]);
      const out: Buffer[] = header();
      // A chunk is sealed only once more data follows it, so the last one is known.
      while (pending.length > chunkBytes) {
        out.push(sealChunk(key, index++, false, pending.subarray(0, chunkBytes)));
        pending = pending.subarray(chunkBytes);
      }
      done(null, Buffer.concat(out));
    },
    flush(done: TransformCallback) {
      done(null, Buffer.concat([...header(), sealChunk(key, index, true, pending)]));
    },
  });
}

/** The inverse of sealingStream; errors (SealedFileError) on any change to the bytes. */
export function openingStream(dataKey: Buffer, context: string): Transform {
  let pending = Buffer.alloc(0);
  let key: Buffer | null = null;
  let chunk = 0;
  let index = 0;
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      pending = Buffer.concat([pending, data]);
      try {
        if (!key) {
          if (pending.length < HEADER_BYTES) return done();
          if (!pending.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealedFileError("not a sealed file");
          chunk = pending.readUInt32BE(MAGIC.length + SALT_BYTES);
          if (chunk < 1 || chunk > MAX_CHUNK_BYTES) throw new SealedFileError("bad chunk size");
          key = fileKey(dataKey, pending.subarray(MAGIC.length, MAGIC.length + SALT_BYTES), context, chunk);
          pending = pending.subarray(HEADER_BYTES);
        }
        const out: Buffer[] = [];
        while (pending.length > chunk + TAG_BYTES) {
          out.push(openChunk(key, index++, false, pending.subarray(0, chunk + TAG_BYTES)));
          pending = pending.subarray(chunk + TAG_BYTES);
        }
        done(null, Buffer.concat(out));
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!key || pending.length < TAG_BYTES) throw new SealedFileError("sealed file is truncated");
        done(null, openChunk(key, index, true, pending));
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/** Size of the sealed form of `plainBytes` bytes (for checks and benchmarks). */
export function sealedSize(plainBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  return HEADER_BYTES + Math.max(1, Math.ceil(plainBytes / chunkBytes)) * TAG_BYTES + plainBytes;
}
