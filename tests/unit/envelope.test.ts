import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newDataKey, open, parseMasterKeys, seal, unwrapKey, wrapKey } from "@/lib/crypto/envelope";

const mk = parseMasterKeys(`k2:${randomBytes(32).toString("base64")},k1:${randomBytes(32).toString("base64")}`);

describe("envelope encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const key = newDataKey();
    const secret = Buffer.from("OOO Northern Rights, reg. 1127800001234");
    const sealed = seal(key, secret, "organisation:1");
    expect(sealed.includes(secret)).toBe(false);
    expect(open(key, sealed, "organisation:1").toString()).toBe(secret.toString());
  });

  it("refuses a value moved to another row (bound context)", () => {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from("x"), "organisation:1");
    expect(() => open(key, sealed, "organisation:2")).toThrow();
  });

  it("refuses a tampered ciphertext", () => {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from("identity"), "ctx");
    sealed[sealed.length - 1]! ^= 1;
    expect(() => open(key, sealed, "ctx")).toThrow();
  });

  it("wraps data keys with the current master key and unwraps with the recorded id", () => {
    const dataKey = newDataKey();
    const { wrapped, masterKeyId } = wrapKey(dataKey, "org-1", mk);
    expect(masterKeyId).toBe("k2");
    expect(unwrapKey(wrapped, masterKeyId, "org-1", mk).equals(dataKey)).toBe(true);
    expect(() => unwrapKey(wrapped, "k1", "org-1", mk)).toThrow();
    expect(() => unwrapKey(wrapped, "missing", "org-1", mk)).toThrow(/not configured/);
  });

  it("rejects malformed master keys", () => {
    expect(() => parseMasterKeys("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseMasterKeys("nonsense")).toThrow();
  });
});
