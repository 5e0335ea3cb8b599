// One suite, run against both object stores (lib/files/object-store.ts): the folder and an
// S3-compatible bucket served by a real S3-protocol server on loopback (s3rver). Whatever the
// store, it holds sealed bytes only, streams both ways in bounded memory, and reports a
// missing object with the same error.
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FolderStore } from "@/lib/files/folder-store";
import { MissingStoredFileError, type ObjectStore } from "@/lib/files/object-store";
import { PART_BYTES, S3Store } from "@/lib/files/s3-store";
import { openSealedFile, storeSealedFile } from "@/lib/files/storage";
import { parseStorageUrl } from "@/lib/files/storage-url";
import { startS3Server } from "../support/s3-server";

const dataKey = randomBytes(32);
const org = randomUUID();
const MB = 1024 * 1024;

async function bytesOf(stream: Readable) {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** `where`: the folder, or the STORAGE_URL, for the large-file process. */
type Fixture = { store: ObjectStore; where: string; stop: () => Promise<void> };

const stores: [string, () => Promise<Fixture>][] = [
  ["folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "most-store-"));
    return { store: new FolderStore(dir), where: dir, stop: async () => rmSync(dir, { recursive: true, force: true }) };
  }],
  ["S3", async () => {
    const server = await startS3Server();
    const where = server.storageUrl("attachments");
    const store = new S3Store(parseStorageUrl(where));
    return { store, where, stop: async () => (store.close(), server.stop()) };
  }],
];

describe.each(stores)("object store: %s", (_name, make) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await make();
  });
  afterAll(async () => f?.stop());

  it("says it is reachable while it is", async () => {
    expect(await f.store.reachable()).toBe(true);
  });

  it("stores a stream and gives it back as a stream", async () => {
    const key = randomUUID();
    const content = randomBytes(200_000);
    await f.store.put(key, Readable.from([content.subarray(0, 1000), content.subarray(1000)]));
    const back = await f.store.get(key);
    expect(back).toBeInstanceOf(Readable);
    expect((await bytesOf(back)).equals(content)).toBe(true);
  });

  it("holds the sealed bytes; opening gives the plaintext back", async () => {
    const text = Buffer.from(`%PDF-1.4 secret registration ${randomUUID()}`);
    const key = await storeSealedFile(Readable.from([text]), dataKey, org, f.store);
    const stored = await bytesOf(await f.store.get(key));
    expect(stored.subarray(0, 4).toString()).toBe("MSF1");
    expect(stored.includes(text.subarray(9))).toBe(false);
    expect((await bytesOf(await openSealedFile(key, dataKey, org, f.store))).equals(text)).toBe(true);
  });

  it("streams 30 MB up and down sealed, in bounded memory", async () => {
    // In a process of its own, so neither the S3 server nor the test runner is counted.
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--conditions=react-server", "--import", "tsx", fileURLToPath(new URL("../support/large-file-transfer.ts", import.meta.url)), f.where, "30"], { encoding: "utf8", timeout: 90_000 });
    const r = JSON.parse(stdout.trim().split("\n").pop()!) as { sent: string; received: { bytes: number; sha256: string }; up: { live: number; rss: number }; down: { live: number; rss: number } };
    expect(r.received).toEqual({ bytes: 30 * MB, sha256: r.sent });
    const mb = (n: number) => (n / MB).toFixed(1);
    console.log(`${_name}: 30 MB sealed up: peak live memory +${mb(r.up.live)} MB (RSS +${mb(r.up.rss)} MB); down: +${mb(r.down.live)} MB (RSS +${mb(r.down.rss)} MB)`);
    // Below the file's size, and bounded by the part size, not the file's: the S3 upload holds
    // about three 5 MB parts at most (the one being filled, its joined copy, the one sent).
    for (const p of [r.up, r.down]) expect(p.live).toBeLessThan(4 * PART_BYTES);
  }, 120_000);

  it("a missing object is MissingStoredFileError, before any byte is streamed", async () => {
    const key = randomUUID();
    await expect(f.store.get(key)).rejects.toBeInstanceOf(MissingStoredFileError);
    await expect(openSealedFile(key, dataKey, org, f.store)).rejects.toBeInstanceOf(MissingStoredFileError);
  });

  it("deletes, and deleting what is gone is not an error", async () => {
    const key = await storeSealedFile(Readable.from([Buffer.from("short-lived")]), dataKey, org, f.store);
    await f.store.delete(key);
    await expect(f.store.get(key)).rejects.toBeInstanceOf(MissingStoredFileError);
    await f.store.delete(key);
  });

  it("a source that fails half-way leaves no object behind", async () => {
    const key = randomUUID();
    // Past S3's first 5 MB part, so the S3 store's multipart upload is aborted, not just skipped.
    const failing = Readable.from((function* () {
      for (let i = 0; i < 7; i++) yield randomBytes(MB);
      throw new Error("the source broke");
    })());
    await expect(f.store.put(key, failing)).rejects.toThrow("the source broke");
    await expect(f.store.get(key)).rejects.toBeInstanceOf(MissingStoredFileError);
  });

  it("a changed byte fails the opening instead of serving altered content", async () => {
    const key = await storeSealedFile(Readable.from([randomBytes(100_000)]), dataKey, org, f.store);
    const stored = await bytesOf(await f.store.get(key));
    stored.writeUInt8(stored.readUInt8(stored.length - 20) ^ 1, stored.length - 20);
    await f.store.delete(key);
    await f.store.put(key, Readable.from([stored]));
    await expect(bytesOf(await openSealedFile(key, dataKey, org, f.store))).rejects.toThrow(/authenticate/);
  });

  it("refuses keys that are not storage keys", async () => {
    await expect(f.store.get("../../etc/passwd")).rejects.toThrow("bad storage key");
    await expect(f.store.put("a/b", Readable.from([Buffer.from("x")]))).rejects.toThrow("bad storage key");
  });
});

describe("an object store that cannot be reached", () => {
  it("is reported, not thrown: a folder under a file, a bucket that does not exist, a server that is down", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "most-store-"));
    const file = path.join(dir, "a-file");
    await new FolderStore(dir).put(randomUUID(), Readable.from([Buffer.from("x")]));
    (await import("node:fs")).writeFileSync(file, "not a folder");
    expect(await new FolderStore(path.join(file, "storage")).reachable()).toBe(false);
    rmSync(dir, { recursive: true, force: true });

    const server = await startS3Server();
    const missing = new S3Store(parseStorageUrl(server.storageUrl("attachments").replace(/^s3:\/\/[^/?]+/, `s3://nobucket-${randomUUID().slice(0, 8)}`)));
    expect(await missing.reachable()).toBe(false);
    const url = server.storageUrl("attachments");
    missing.close();
    await server.stop();
    const down = new S3Store(parseStorageUrl(url));
    expect(await down.reachable()).toBe(false);
    down.close();
  });
});
