// Key shares kept on disk (STORAGE_DIR/keys), outside the database and its dumps. An
// organisation's data key is wrapped under a key derived from the master key *and* its
// share: deleting the share (emergency erase) makes the identity unrecoverable from any
// database dump, even one taken before the erase with the master key at hand.
/* eslint-disable security/detect-non-literal-fs-filename -- paths are built only from validated UUIDs under STORAGE_DIR */
import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync, fsyncSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

const SHARE_BYTES = 32;

function sharePath(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad key share id");
  return path.resolve(env().STORAGE_DIR, "keys", id);
}

export function createShare(id: string): Buffer {
  const file = sharePath(id);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const share = randomBytes(SHARE_BYTES);
  writeFileSync(file, share, { mode: 0o600, flag: "wx" });
  return share;
}

export function readShare(id: string): Buffer | null {
  const file = sharePath(id);
  return existsSync(file) ? readFileSync(file) : null;
}

/** Overwrites the share with random bytes, flushes, then removes it. */
export function destroyShare(id: string) {
  const file = sharePath(id);
  if (!existsSync(file)) return;
  const fd = openSync(file, "r+");
  try {
    writeSync(fd, randomBytes(SHARE_BYTES), 0, SHARE_BYTES, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(file, { force: true });
}

/** The wrapping key for one organisation: HKDF-SHA256(master key, share). */
export function wrappingKey(master: Buffer, share: Buffer, context: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, share, `most:wrap:${context}`, 32));
}
