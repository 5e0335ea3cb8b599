// The folder store: files under STORAGE_DIR/<first two characters>/<key>, written once,
// flushed to disk before put() resolves (a key renewal deletes the old copy once the new
// one's row commits).
/* eslint-disable security/detect-non-literal-fs-filename -- paths are built only from checked storage keys under the root */
import "server-only";
import { createWriteStream } from "node:fs";
import { constants } from "node:fs";
import { access, mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fsyncPath } from "../crypto/keystore";
import { checkStorageKey, MissingStoredFileError, type ObjectStore } from "./object-store";

export class FolderStore implements ObjectStore {
  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    return path.resolve(this.root, checkStorageKey(key).slice(0, 2), key);
  }

  async put(key: string, source: Readable) {
    const file = this.pathFor(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      await pipeline(source, createWriteStream(file, { mode: 0o600, flags: "wx" }));
      fsyncPath(file);
    } catch (e) {
      await rm(file, { force: true });
      throw e;
    }
  }

  async get(key: string) {
    // Opened before the stream is handed out, so a missing file is an error here, not mid-download.
    const handle = await open(this.pathFor(key), "r").catch((e: NodeJS.ErrnoException) => {
      throw e.code === "ENOENT" ? new MissingStoredFileError(key) : e;
    });
    return handle.createReadStream();
  }

  async delete(key: string) {
    await rm(this.pathFor(key), { force: true });
  }

  async reachable() {
    try {
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await access(this.root, constants.R_OK | constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}
