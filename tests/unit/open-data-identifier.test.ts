import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatedOrgId } from "@/lib/exports/org-id";

// UUIDv7: the first 48 bits are the creation time in milliseconds.
function uuidV7(ms: number) {
  const hex = ms.toString(16).padStart(12, "0") + "7" + randomBytes(10).toString("hex").slice(0, 19);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const SECRET = "a-secret-of-the-portal-0123456789abcdef";

describe("open-data identifier of an organisation", () => {
  it("contains no part of the organisation's id, so not its creation time either", () => {
    for (let i = 0; i < 50; i++) {
      const id = uuidV7(Date.UTC(2026, 10, 1) + i * 86_400_000);
      const ref = generatedOrgId({ id }, SECRET);
      expect(ref).toMatch(/^XI-MOST-[0-9A-F]{16}$/);
      const body = ref.slice("XI-MOST-".length).toLowerCase();
      const hex = id.replaceAll("-", "");
      // No run of six characters of the id appears in the identifier (the time prefix is twelve).
      for (let k = 0; k + 6 <= hex.length; k++) expect(body).not.toContain(hex.slice(k, k + 6));
    }
  });

  it("is stable, differs between organisations and changes with the key", () => {
    const a = uuidV7(Date.UTC(2026, 10, 25));
    const b = uuidV7(Date.UTC(2026, 10, 25));
    expect(generatedOrgId({ id: a }, SECRET)).toBe(generatedOrgId({ id: a }, SECRET));
    expect(generatedOrgId({ id: a }, SECRET)).not.toBe(generatedOrgId({ id: b }, SECRET));
    expect(generatedOrgId({ id: a }, SECRET)).not.toBe(generatedOrgId({ id: a }, `${SECRET}-other`));
    // Without a secret passed, the portal's AUTH_SECRET keys it.
    process.env.AUTH_SECRET ??= SECRET;
    process.env.DATABASE_URL ??= "postgresql://unused@localhost/unused";
    process.env.MOST_MASTER_KEYS ??= `t:${Buffer.alloc(32, 1).toString("base64")}`;
    process.env.MOST_BLIND_INDEX_KEY ??= "unit-blind-index-key-0123456789abcdefghij";
    expect(generatedOrgId({ id: a })).toBe(generatedOrgId({ id: a }, process.env.AUTH_SECRET));
  });
});
