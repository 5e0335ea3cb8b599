// Uploaded files live on disk (STORAGE_DIR), outside the database, under random names.
/* eslint-disable security/detect-non-literal-fs-filename -- paths are built only from random UUIDs under STORAGE_DIR */
import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "../env";

function pathFor(key: string): string {
  if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error("bad storage key");
  return path.resolve(env().STORAGE_DIR, key.slice(0, 2), key);
}

export async function storeFile(bytes: Uint8Array): Promise<string> {
  const key = randomUUID();
  const file = pathFor(key);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, bytes, { mode: 0o600, flag: "wx" });
  return key;
}

export function readFileStream(key: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(pathFor(key))) as ReadableStream<Uint8Array>;
}

export async function deleteFile(key: string) {
  await rm(pathFor(key), { force: true });
}
