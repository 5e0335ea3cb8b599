import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newDataKey, open, openWithMaster, parseMasterKeys, seal, sealWithMaster } from "@/lib/crypto/envelope";

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

  it("seals small secrets with the current master key and opens them with the recorded id", () => {
    const secret = Buffer.from("JBSWY3DPEHPK3PXP");
    const { sealed, masterKeyId } = sealWithMaster(secret, "totp:u1", mk);
    expect(masterKeyId).toBe("k2");
    expect(openWithMaster(sealed, masterKeyId, "totp:u1", mk).equals(secret)).toBe(true);
    expect(() => openWithMaster(sealed, "k1", "totp:u1", mk)).toThrow();
    expect(() => openWithMaster(sealed, masterKeyId, "totp:u2", mk)).toThrow();
    expect(() => openWithMaster(sealed, "missing", "totp:u1", mk)).toThrow(/not configured/);
  });

  it("rejects malformed master keys", () => {
    expect(() => parseMasterKeys("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseMasterKeys("nonsense")).toThrow();
  });
});
