// Run by tests/unit/object-store.test.ts in a process of its own (so the test's S3 server is
// not counted): seals N MB of random bytes, made as they are read, into the store given
// (a folder or a STORAGE_URL), opens them again, and prints the SHA-256 of both sides and the
// peak growth of this process's live memory (a full collection before each sample).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { FolderStore } from "../../lib/files/folder-store";
import { S3Store } from "../../lib/files/s3-store";
import { openSealedFile, storeSealedFile } from "../../lib/files/storage";
import { parseStorageUrl } from "../../lib/files/storage-url";

const [where, megabytes] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc!;
const store = where.startsWith("s3://") ? new S3Store(parseStorageUrl(where)) : new FolderStore(where);
const dataKey = randomBytes(32);
const organisationId = randomUUID();

async function peak<T>(work: () => Promise<T>) {
  gc();
  const base = process.memoryUsage();
  let live = 0;
  let rss = 0;
  const sample = () => {
    // Twice: buffers freed by one collection are swept in the background, the next waits for it.
    gc();
    gc();
    const m = process.memoryUsage();
    live = Math.max(live, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
    rss = Math.max(rss, m.rss - base.rss);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return { result, live, rss };
  } finally {
    clearInterval(timer);
  }
}

const sent = createHash("sha256");
let left = Number(megabytes) * 1024 * 1024;
const source = Readable.from((function* () {
  while (left > 0) {
    const part = randomBytes(Math.min(256 * 1024, left));
    left -= part.length;
    sent.update(part);
    yield part;
  }
})());
const up = await peak(() => storeSealedFile(source, dataKey, organisationId, store));
const down = await peak(async () => {
  const got = createHash("sha256");
  let bytes = 0;
  for await (const part of await openSealedFile(up.result, dataKey, organisationId, store)) {
    got.update(part as Buffer);
    bytes += (part as Buffer).length;
  }
  return { bytes, sha256: got.digest("hex") };
});
await store.delete(up.result);
console.log(JSON.stringify({ sent: sent.digest("hex"), received: down.result, up: { live: up.live, rss: up.rss }, down: { live: down.live, rss: down.rss } }));
process.exit(0);
