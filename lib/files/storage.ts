// Uploaded files live outside the database, in the object store the configuration names
// (a folder, STORAGE_DIR, by default; an S3-compatible bucket with STORAGE_URL), under random
// names, sealed with their organisation's data key (lib/crypto/file-seal.ts): a copy of the
// store reveals neither content nor names, and destroying the key shreds them. What a store
// holds is always the sealed bytes; sealing and opening stream on this side of it.
import "server-only";
import { randomUUID } from "node:crypto";
import { PassThrough, Readable, pipeline as pipelineCallback } from "node:stream";
import { env } from "../env";
import { openingStream, sealingStream } from "../crypto/file-seal";
import { FolderStore } from "./folder-store";
import type { ObjectStore } from "./object-store";
import { S3Store } from "./s3-store";
import { parseStorageUrl } from "./storage-url";

export { MissingStoredFileError } from "./object-store";

let configured: ObjectStore | undefined;

/** The store the environment names, made once per process. */
export function objectStore(): ObjectStore {
  if (!configured) {
    const { STORAGE_URL, STORAGE_DIR } = env();
    configured = STORAGE_URL ? new S3Store(parseStorageUrl(STORAGE_URL)) : new FolderStore(STORAGE_DIR);
  }
  return configured;
}

/** What a stored file is bound to: its organisation and its own storage key. */
export const fileContext = (organisationId: string, storageKey: string) => `file:${organisationId}:${storageKey}`;

/**
 * Seals `source` under the data key into a new object; returns its storage key once stored
 * durably (before the transaction that records it commits: a renewal then deletes the old copy).
 */
export async function storeSealedFile(source: Readable, dataKey: Buffer, organisationId: string, store = objectStore()): Promise<string> {
  const key = randomUUID();
  // pipeline destroys the sealing stream with the source's error, so the store's put fails too.
  const sealed = pipelineCallback(source, sealingStream(dataKey, fileContext(organisationId, key)), () => undefined);
  try {
    await store.put(key, sealed);
  } catch (e) {
    // A store that gave up leaves the source unread: release it (an open download, a file).
    sealed.destroy();
    throw e;
  }
  return key;
}

/**
 * The file's plaintext as a stream; it errors if the stored bytes were changed. Rejects with
 * MissingStoredFileError when the store has no such object.
 */
export async function openSealedFile(key: string, dataKey: Buffer, organisationId: string, store = objectStore()): Promise<Readable> {
  const stored = await store.get(key);
  const opened = openingStream(dataKey, fileContext(organisationId, key));
  // pipeline listens for errors on both streams (an altered file must fail the download, not
  // the process); the reader of `opened` still sees the error.
  pipelineCallback(stored, opened, () => undefined);
  return opened;
}

/** A file stored before files were sealed, read as it is (until sealed by the backfill). */
export async function openPlainFile(key: string, store = objectStore()): Promise<Readable> {
  const out = new PassThrough();
  pipelineCallback(await store.get(key), out, () => undefined);
  return out;
}

export const toWebStream = (stream: Readable) => Readable.toWeb(stream) as ReadableStream<Uint8Array>;

export async function deleteFile(key: string, store = objectStore()) {
  await store.delete(key);
}
