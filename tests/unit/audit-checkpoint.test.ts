import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CHECKPOINT_FORMAT,
  type Checkpoint,
  checkSignature,
  generateSigningKey,
  parseCheckpointFile,
  parsePublicKeys,
  parseSigningKey,
  publicKeyString,
  serialiseCheckpoints,
  signCheckpoint,
  signingMessage,
  verifyCheckpointSignatures,
} from "@/lib/audit/checkpoint";

const HASH = "ab".repeat(32);
const body = {
  stream: "platform",
  seq: "42",
  headHash: HASH,
  count: "42",
  at: "2026-11-26T10:00:00.000Z",
};

function setup(keyId = "k1") {
  const generated = generateSigningKey(keyId);
  const key = parseSigningKey(generated.signingKey);
  const keys = parsePublicKeys(generated.publicKey);
  return { generated, key, keys };
}

const der = (k: import("node:crypto").KeyObject, type: "pkcs8" | "spki") =>
  k.export({ type, format: "der" } as never).toString("base64");

describe("signing and checking", () => {
  it("round-trips: a signed checkpoint verifies with the matching public key", () => {
    const { key, keys } = setup();
    const cp = signCheckpoint(body, key);
    expect(cp).toMatchObject({ ...body, keyId: "k1" });
    expect(cp.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(checkSignature(cp, keys)).toEqual({ ok: true });
    expect(verifyCheckpointSignatures([cp], keys)).toEqual({ ok: true });
  });

  it("signs the prefix and the canonical JSON of the body only", () => {
    const { key } = setup();
    const cp = signCheckpoint(body, key);
    expect(signingMessage(cp).toString("utf8")).toBe(
      'most-audit-checkpoint-v1\n{"at":"2026-11-26T10:00:00.000Z","count":"42",' +
        `"headHash":"${HASH}","keyId":"k1","seq":"42","stream":"platform"}`,
    );
  });

  it.each([
    ["seq", "43"],
    ["headHash", "cd".repeat(32)],
    ["stream", "0b6f7a52-9c1e-4c1a-9d7e-2f4c2b1a0e11"],
    ["at", "2026-11-26T10:00:01.000Z"],
    ["count", "41"],
  ] as const)("a changed %s fails with badSignature", (field, value) => {
    const { key, keys } = setup();
    const cp: Checkpoint = { ...signCheckpoint(body, key), [field]: value };
    expect(checkSignature(cp, keys)).toEqual({ ok: false, reason: "badSignature", keyId: "k1" });
    expect(verifyCheckpointSignatures([cp], keys)).toEqual({
      ok: false,
      index: 0,
      message: `checkpoint 0 (stream ${cp.stream}, seq ${cp.seq}): signature does not match (key k1)`,
    });
  });

  it("a signature by another key under the same id fails with badSignature", () => {
    const { key } = setup("k1");
    const other = setup("k1");
    const cp = signCheckpoint(body, key);
    expect(checkSignature(cp, other.keys)).toEqual({ ok: false, reason: "badSignature", keyId: "k1" });
  });

  it("a truncated signature is a mismatch, not an exception", () => {
    const { key, keys } = setup();
    const cp = { ...signCheckpoint(body, key), signature: "AAAA" };
    expect(checkSignature(cp, keys)).toEqual({ ok: false, reason: "badSignature", keyId: "k1" });
  });

  it("an unknown key id fails with unknownKey and names the key", () => {
    const { key } = setup("old");
    const { keys } = setup("new");
    const cp = signCheckpoint(body, key);
    expect(checkSignature(cp, keys)).toEqual({ ok: false, reason: "unknownKey", keyId: "old" });
    expect(verifyCheckpointSignatures([cp], keys)).toEqual({
      ok: false,
      index: 0,
      message: "checkpoint 0 (stream platform, seq 42): signed by unknown key old",
    });
  });

  it("after rotation, old and new checkpoints both verify; the first failure is reported", () => {
    const old = setup("2026-01");
    const next = setup("2026-07");
    const keys = parsePublicKeys(`${old.generated.publicKey},${next.generated.publicKey}`);
    expect([...keys.keys()]).toEqual(["2026-01", "2026-07"]);
    const a = signCheckpoint(body, old.key);
    const b = signCheckpoint({ ...body, seq: "50", count: "50" }, next.key);
    expect(b.keyId).toBe("2026-07");
    expect(verifyCheckpointSignatures([a, b], keys)).toEqual({ ok: true });

    const forged = { ...b, headHash: "0".repeat(64) };
    expect(verifyCheckpointSignatures([a, b, forged], keys)).toEqual({
      ok: false,
      index: 2,
      message: "checkpoint 2 (stream platform, seq 50): signature does not match (key 2026-07)",
    });
    // Without the retired key, the old checkpoint no longer verifies.
    expect(verifyCheckpointSignatures([a, b], next.keys)).toMatchObject({ ok: false, index: 0 });
  });

  it("refuses to sign a malformed body", () => {
    const { key } = setup();
    expect(() => signCheckpoint({ ...body, seq: "-1" }, key)).toThrow(
      "signCheckpoint: seq: expected a non-negative decimal integer without leading zeros",
    );
  });
});

describe("keys", () => {
  it("generates env strings that parse back to the same key", () => {
    const { generated, key, keys } = setup("main.key_1");
    expect(generated.signingKey).toMatch(/^main\.key_1:[A-Za-z0-9+/]+=*$/);
    expect(publicKeyString(key)).toBe(generated.publicKey);
    expect(key.privateKey.asymmetricKeyType).toBe("ed25519");
    expect(keys.size).toBe(1);
    expect(keys.get("main.key_1")?.equals(key.publicKey)).toBe(true);
    // Surrounding whitespace (a newline from a secrets file) is tolerated.
    expect(parseSigningKey(`${generated.signingKey}\n`).keyId).toBe("main.key_1");
  });

  it("parses an empty public key list as an empty map, skipping blank entries", () => {
    expect(parsePublicKeys("").size).toBe(0);
    const { generated } = setup("k1");
    expect([...parsePublicKeys(` ${generated.publicKey} , `).keys()]).toEqual(["k1"]);
  });

  it("accepts a key listed twice, refuses an id listed with two different keys", () => {
    const a = setup("k1").generated.publicKey;
    const b = setup("k1").generated.publicKey;
    expect(parsePublicKeys(`${a},${a}`).size).toBe(1);
    expect(() => parsePublicKeys(`${a},${b}`)).toThrow(
      "AUDIT_PUBLIC_KEYS entry 2: key id k1 is listed twice with different keys",
    );
  });

  it.each([
    ["no colon", "justsomegarbage", 'AUDIT_SIGNING_KEY: expected "<keyId>:<base64 key>"'],
    ["not base64", "k1:@@@notbase64", "AUDIT_SIGNING_KEY (key k1): the key is not valid base64"],
    ["not a key", "k1:aGVsbG8gd29ybGQ=", "AUDIT_SIGNING_KEY (key k1): not a PKCS#8 DER private key"],
    ["empty key id", ":aGVsbG8=", "AUDIT_SIGNING_KEY: the key id must be 1-64 letters"],
    ["bad key id", "k 1:aGVsbG8=", "AUDIT_SIGNING_KEY: the key id must be 1-64 letters"],
    ["long key id", `${"a".repeat(65)}:aGVsbG8=`, "AUDIT_SIGNING_KEY: the key id must be 1-64"],
  ])("parseSigningKey rejects %s", (_, input, message) => {
    expect(() => parseSigningKey(input)).toThrow(message);
  });

  it("parseSigningKey rejects RSA and X25519 private keys", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    const x = generateKeyPairSync("x25519").privateKey;
    expect(() => parseSigningKey(`r:${der(rsa, "pkcs8")}`)).toThrow(
      "AUDIT_SIGNING_KEY (key r): expected an Ed25519 key, got rsa",
    );
    expect(() => parseSigningKey(`x:${der(x, "pkcs8")}`)).toThrow(
      "AUDIT_SIGNING_KEY (key x): expected an Ed25519 key, got x25519",
    );
  });

  it("parseSigningKey does not accept a public key", () => {
    const spki = setup("k1").generated.publicKey;
    expect(() => parseSigningKey(spki)).toThrow("AUDIT_SIGNING_KEY (key k1): not a PKCS#8 DER private key");
  });

  it("parsePublicKeys rejects garbage, wrong key types and bad ids, naming the entry", () => {
    const good = setup("k1").generated.publicKey;
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey;
    const x = generateKeyPairSync("x25519").publicKey;
    expect(() => parsePublicKeys(`${good},garbage`)).toThrow(
      'AUDIT_PUBLIC_KEYS entry 2: expected "<keyId>:<base64 key>"',
    );
    expect(() => parsePublicKeys("k2:aGVsbG8=")).toThrow(
      "AUDIT_PUBLIC_KEYS entry 1 (key k2): not an SPKI DER public key",
    );
    expect(() => parsePublicKeys(`r:${der(rsa, "spki")}`)).toThrow(
      "AUDIT_PUBLIC_KEYS entry 1 (key r): expected an Ed25519 key, got rsa",
    );
    expect(() => parsePublicKeys(`x:${der(x, "spki")}`)).toThrow(
      "AUDIT_PUBLIC_KEYS entry 1 (key x): expected an Ed25519 key, got x25519",
    );
    expect(() => parsePublicKeys(`bad/id:${good.split(":")[1]}`)).toThrow(
      "AUDIT_PUBLIC_KEYS entry 1: the key id must be 1-64 letters",
    );
  });

  it("generateSigningKey refuses a bad key id", () => {
    expect(() => generateSigningKey("a:b")).toThrow("generateSigningKey: the key id must be 1-64");
  });
});

describe("checkpoint file", () => {
  const signed = () => {
    const { key, keys } = setup();
    const cps = [signCheckpoint(body, key), signCheckpoint({ ...body, stream: "f1", seq: "0", count: "0" }, key)];
    return { cps, keys };
  };
  // A valid file with one field of one checkpoint replaced (undefined removes it).
  const fileWith = (index: number, field: string, value: unknown) => {
    const { cps } = signed();
    const file = JSON.parse(serialiseCheckpoints(cps));
    file.checkpoints[index][field] = value;
    return JSON.stringify(file);
  };

  it("serialises as pretty JSON with a trailing newline and parses back", () => {
    const { cps, keys } = signed();
    const text = serialiseCheckpoints(cps);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "format": "most-audit-checkpoints",\n  "version": 1,');
    const parsed = parseCheckpointFile(text);
    expect(parsed).toEqual({ ok: true, checkpoints: cps });
    if (parsed.ok) expect(verifyCheckpointSignatures(parsed.checkpoints, keys)).toEqual({ ok: true });
  });

  it("writes only the checkpoint fields, in a fixed order", () => {
    const { cps } = signed();
    const extra = { ...cps[0]!, note: "unsigned" } as Checkpoint;
    const file = JSON.parse(serialiseCheckpoints([extra]));
    expect(Object.keys(file.checkpoints[0])).toEqual([
      "stream", "seq", "headHash", "count", "at", "keyId", "signature",
    ]);
  });

  it("accepts an exported trail that embeds the checkpoints next to its events", () => {
    const { cps } = signed();
    const trail = { format: CHECKPOINT_FORMAT, version: 1, exportedAt: "x", events: [{ id: "1" }], checkpoints: cps };
    expect(parseCheckpointFile(JSON.stringify(trail))).toEqual({ ok: true, checkpoints: cps });
  });

  it("says when the text is not JSON", () => {
    const parsed = parseCheckpointFile("{not json");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^not JSON: /);
  });

  it.each([
    ["a JSON array", "[]", "file: expected a JSON object"],
    ["the wrong format", JSON.stringify({ format: "other", version: 1, checkpoints: [] }),
      'format: expected "most-audit-checkpoints"'],
    ["no format", JSON.stringify({ version: 1, checkpoints: [] }), "format: missing"],
    ["the wrong version", JSON.stringify({ format: CHECKPOINT_FORMAT, version: 2, checkpoints: [] }),
      "version: expected 1 (the only version this reader understands)"],
    ["no checkpoints", JSON.stringify({ format: CHECKPOINT_FORMAT, version: 1 }), "checkpoints: missing"],
    ["checkpoints not an array", JSON.stringify({ format: CHECKPOINT_FORMAT, version: 1, checkpoints: {} }),
      "checkpoints: expected an array of checkpoints"],
  ])("refuses %s", (_, text, message) => {
    expect(parseCheckpointFile(text)).toEqual({ ok: false, message });
  });

  it.each([
    ["a missing field", 1, "headHash", undefined, "checkpoints[1].headHash: missing"],
    ["bad hex", 1, "headHash", "zz".repeat(32), "checkpoints[1].headHash: expected 64 hex characters"],
    ["upper-case hex", 0, "headHash", "AB".repeat(32), "checkpoints[0].headHash: expected 64 hex characters"],
    ["a short hash", 0, "headHash", "ab", "checkpoints[0].headHash: expected 64 hex characters"],
    ["a negative seq", 1, "seq", "-1",
      "checkpoints[1].seq: expected a non-negative decimal integer without leading zeros"],
    ["a non-decimal seq", 0, "seq", "0x10",
      "checkpoints[0].seq: expected a non-negative decimal integer without leading zeros"],
    ["a padded seq", 0, "seq", "007",
      "checkpoints[0].seq: expected a non-negative decimal integer without leading zeros"],
    ["a numeric seq", 0, "seq", 42, "checkpoints[0].seq: expected a decimal string"],
    ["a fractional count", 1, "count", "1.5",
      "checkpoints[1].count: expected a non-negative decimal integer without leading zeros"],
    ["a local time", 0, "at", "2026-11-26T10:00:00.000+01:00",
      "checkpoints[0].at: expected a UTC time written as 2026-01-31T12:00:00.000Z"],
    ["a time without milliseconds", 0, "at", "2026-11-26T10:00:00Z",
      "checkpoints[0].at: expected a UTC time written as 2026-01-31T12:00:00.000Z"],
    ["an impossible date", 0, "at", "2026-02-30T10:00:00.000Z",
      "checkpoints[0].at: expected a UTC time written as 2026-01-31T12:00:00.000Z"],
    ["an impossible month", 0, "at", "2026-13-01T10:00:00.000Z",
      "checkpoints[0].at: expected a UTC time written as 2026-01-31T12:00:00.000Z"],
    ["a bad key id", 1, "keyId", "k 1",
      "checkpoints[1].keyId: expected a key id of 1-64 letters, digits, '_', '.' or '-'"],
    ["an empty stream", 0, "stream", "", "checkpoints[0].stream: expected a stream id (1-100 characters, no spaces)"],
    ["standard base64 in the signature", 1, "signature", `${"+".repeat(85)}A`,
      "checkpoints[1].signature: expected a base64url Ed25519 signature (86 characters)"],
    ["a short signature", 0, "signature", "AAAA",
      "checkpoints[0].signature: expected a base64url Ed25519 signature (86 characters)"],
    ["a padded signature", 0, "signature", `${"A".repeat(86)}==`,
      "checkpoints[0].signature: expected a base64url Ed25519 signature (86 characters)"],
  ])("refuses %s, naming the path", (_, index, field, value, message) => {
    expect(parseCheckpointFile(fileWith(index, field, value))).toEqual({ ok: false, message });
  });

  it("refuses an unsigned extra field inside a checkpoint", () => {
    const parsed = parseCheckpointFile(fileWith(0, "note", "hello"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^checkpoints\[0\]: .*"note"/);
  });

  it("counts the further problems after the first", () => {
    const { cps } = signed();
    const broken = cps.map((cp) => ({ ...cp, headHash: "x", seq: "-1" }));
    const text = JSON.stringify({ format: CHECKPOINT_FORMAT, version: 1, checkpoints: broken });
    expect(parseCheckpointFile(text)).toEqual({
      ok: false,
      message: "checkpoints[0].seq: expected a non-negative decimal integer without leading zeros (and 3 more problems)",
    });
  });
});
