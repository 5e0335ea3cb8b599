// Uploaded files live on disk (STORAGE_DIR), outside the database, under random names,
// sealed with their organisation's data key (lib/crypto/file-seal.ts): a copy of the
// folder reveals neither content nor names, and destroying the key shreds them.
/* eslint-disable security/detect-non-literal-fs-filename -- paths are built only from random UUIDs under STORAGE_DIR */
import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { PassThrough, Readable, pipeline as pipelineCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "../env";
import { openingStream, sealingStream } from "../crypto/file-seal";
import { fsyncPath } from "../crypto/keystore";

function pathFor(key: string): string {
  if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error("bad storage key");
  return path.resolve(env().STORAGE_DIR, key.slice(0, 2), key);
}

/** What a stored file is bound to: its organisation and its own storage key. */
export const fileContext = (organisationId: string, storageKey: string) => `file:${organisationId}:${storageKey}`;

/** Seals `source` under the data key into a new file; returns its storage key. */
export async function storeSealedFile(source: Readable, dataKey: Buffer, organisationId: string): Promise<string> {
  const key = randomUUID();
  const file = pathFor(key);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await pipeline(source, sealingStream(dataKey, fileContext(organisationId, key)), createWriteStream(file, { mode: 0o600, flags: "wx" }));
    // On disk before the transaction that records it commits (a renewal then deletes the old copy).
    fsyncPath(file);
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
  return key;
}

/** The file's plaintext as a stream; it errors if the stored bytes were changed. */
export function openSealedFile(key: string, dataKey: Buffer, organisationId: string): Readable {
  const opened = openingStream(dataKey, fileContext(organisationId, key));
  // pipeline listens for errors on both streams (an altered file must fail the download, not
  // the process); the reader of `opened` still sees the error.
  pipelineCallback(createReadStream(pathFor(key)), opened, () => undefined);
  return opened;
}

/** A file stored before files were sealed, read as it is (until sealed by the backfill). */
export function openPlainFile(key: string): Readable {
  const out = new PassThrough();
  pipelineCallback(createReadStream(pathFor(key)), out, () => undefined);
  return out;
}

export const toWebStream = (stream: Readable) => Readable.toWeb(stream) as ReadableStream<Uint8Array>;

export async function deleteFile(key: string) {
  await rm(pathFor(key), { force: true });
}
