import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { openingStream, sealedSize, sealingStream } from "@/lib/crypto/file-seal";

async function collect(source: Buffer | Buffer[], through: NodeJS.ReadWriteStream): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(Array.isArray(source) ? source : [source]), through, async function* (chunks: AsyncIterable<string | Buffer>) {
    for await (const c of chunks) out.push(Buffer.from(c));
  });
  return Buffer.concat(out);
}

const key = randomBytes(32);
const seal = (plain: Buffer, chunk = 16, context = "file:a") => collect(plain, sealingStream(key, context, chunk));
const open = (sealed: Buffer, context = "file:a", k = key) => collect(sealed, openingStream(k, context));

describe("sealed files", () => {
  it("round-trips every size around chunk boundaries, in pieces of any size", async () => {
    for (const size of [0, 1, 15, 16, 17, 32, 33, 100]) {
      const plain = randomBytes(size);
      const sealed = await seal(plain);
      expect(sealed.length).toBe(sealedSize(size, 16));
      // Fed to the opener one byte at a time, as a slow disk or network would.
      const bytes = [...sealed].map((b) => Buffer.from([b]));
      expect((await collect(bytes, openingStream(key, "file:a"))).equals(plain)).toBe(true);
    }
  });

  it("does not contain the plaintext and differs each time", async () => {
    const plain = Buffer.from("ANO Severny pravozashchitny tsentr 1127800001234 ".repeat(40));
    const a = await seal(plain, 64);
    const b = await seal(plain, 64);
    expect(a.includes(Buffer.from("Severny"))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it("refuses a changed byte, a dropped, swapped or truncated chunk, another key or another owner", async () => {
    const plain = randomBytes(64);
    const sealed = await seal(plain); // header 24, then 4 chunks of 32 bytes
    const header = sealed.subarray(0, 24);
    const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => sealed.subarray(24 + i * 32, 24 + (i + 1) * 32));
    const resized = Buffer.from(sealed);
    resized.writeUInt32BE(32, 20); // the header's chunk size: 16 → 32
    const flipped = Buffer.from(sealed);
    flipped.writeUInt8(flipped.readUInt8(40) ^ 1, 40);
    const cases: Buffer[] = [
      flipped,
      resized,
      Buffer.concat([header, c0!, c1!, c3!]), // dropped
      Buffer.concat([header, c1!, c0!, c2!, c3!]), // swapped
      Buffer.concat([header, c0!, c1!, c2!]), // last chunk cut off
      sealed.subarray(0, sealed.length - 1),
      sealed.subarray(0, 10),
    ];
    for (const bad of cases) await expect(open(bad)).rejects.toThrow();
    await expect(open(sealed, "file:b")).rejects.toThrow();
    await expect(open(sealed, "file:a", randomBytes(32))).rejects.toThrow();
    await expect(open(plain)).rejects.toThrow(/not a sealed file/);
    expect((await open(sealed)).equals(plain)).toBe(true);
  });
});
