// Where sealed files are kept: one interface, two implementations chosen by configuration
// (lib/files/storage.ts): a folder (STORAGE_DIR, the default) or an S3-compatible bucket
// (STORAGE_URL). Both stream: no implementation holds a whole file in memory.
import type { Readable } from "node:stream";

export interface ObjectStore {
  /** Writes the stream under `key`; resolved means durably stored. Leaves nothing behind when it fails. */
  put(key: string, source: Readable): Promise<void>;
  /** The stored bytes as a stream; rejects with MissingStoredFileError when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; nothing to remove is not an error. */
  delete(key: string): Promise<void>;
  /** True when files can be stored and read now (the health check); never throws. */
  reachable(): Promise<boolean>;
}

/** The same error from every store, so callers need not know which one they talk to. */
export class MissingStoredFileError extends Error {
  constructor(readonly key: string) {
    super(`stored file ${key} is missing`);
    this.name = "MissingStoredFileError";
  }
}

/** Storage keys are random UUIDs (lib/files/storage.ts); anything else never reaches a store. */
export function checkStorageKey(key: string): string {
  if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error("bad storage key");
  return key;
}
