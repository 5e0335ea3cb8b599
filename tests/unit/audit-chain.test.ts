import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { GENESIS_HASH, canonicalJson, hashEvent, maskSensitive, normalise } from "@/lib/audit/chain";

const base = {
  id: 1n,
  at: new Date("2026-11-26T10:00:00.123Z"),
  actorId: null,
  actorRole: "OFFICER",
  action: "application.submitted",
  entityType: "Application",
  entityId: "a1",
  funderId: null,
  organisationId: null,
  before: { status: "DRAFT" },
  after: { status: "SUBMITTED", amount: "1000.00" },
  requestId: "r1",
  stream: "platform",
  streamSeq: 1n,
};

describe("canonical JSON", () => {
  it("is independent of key order at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it("writes decimals, dates and bigints as strings", () => {
    expect(normalise({ m: new Prisma.Decimal("10.50"), d: new Date(0), n: 5n })).toEqual({
      m: "10.5",
      d: "1970-01-01T00:00:00.000Z",
      n: "5",
    });
  });

  it("survives a JSON round trip (as through jsonb) unchanged", () => {
    const value = normalise({ z: [3, 2, 1], a: { nested: "x" }, m: new Prisma.Decimal("1.25") });
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});

describe("hash chain", () => {
  // One change per field of ChainContent; the list must name every field of `base`.
  const changes: { [K in keyof typeof base]: (typeof base)[K] | string } = {
    id: 2n,
    at: new Date("2026-11-26T10:00:00.124Z"),
    actorId: "00000000-0000-7000-8000-000000000001",
    actorRole: "APPROVER",
    action: "application.withdrawn",
    entityType: "Grant",
    entityId: "a2",
    funderId: "00000000-0000-7000-8000-000000000002",
    organisationId: "00000000-0000-7000-8000-000000000003",
    before: { status: "SUBMITTED" },
    after: { status: "SUBMITTED", amount: "1000.01" },
    requestId: "r2",
    stream: "00000000-0000-7000-8000-000000000002",
    streamSeq: 2n,
  };

  it("covers every field of an event", () => {
    expect(Object.keys(changes).sort()).toEqual(Object.keys(base).sort());
  });

  it.each(Object.keys(changes) as (keyof typeof base)[])("changes when %s changes, and only the changed event", (field) => {
    const h = hashEvent(GENESIS_HASH, base);
    expect(hashEvent(GENESIS_HASH, { ...base, [field]: changes[field] })).not.toBe(h);
    expect(hashEvent(GENESIS_HASH, { ...base })).toBe(h);
  });

  it("changes when a field becomes null, or null becomes a value", () => {
    const h = hashEvent(GENESIS_HASH, base);
    for (const field of ["entityId", "requestId", "actorRole", "before", "after"] as const) {
      expect(hashEvent(GENESIS_HASH, { ...base, [field]: null })).not.toBe(h);
    }
  });

  it("hashes legacy events (one global chain, before streams) without the stream fields, as they were written", () => {
    const legacy = { ...base, stream: "legacy", streamSeq: 1n };
    expect(hashEvent(GENESIS_HASH, { ...legacy, streamSeq: 7n })).toBe(hashEvent(GENESIS_HASH, legacy));
    expect(hashEvent(GENESIS_HASH, legacy)).not.toBe(hashEvent(GENESIS_HASH, base));
    // The format of the single chain that existing databases hold.
    const { stream: _s, streamSeq: _q, ...content } = legacy;
    const old = createHash("sha256").update(canonicalJson({ ...content, id: "1", prevHash: GENESIS_HASH }), "utf8").digest("hex");
    expect(hashEvent(GENESIS_HASH, legacy)).toBe(old);
  });

  it("depends on the previous hash", () => {
    const h = hashEvent(GENESIS_HASH, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent("f".repeat(64), base)).not.toBe(h);
  });
});

describe("masking", () => {
  it("masks identity and secrets at any depth but keeps other fields", () => {
    expect(
      maskSensitive({
        legalName: "OOO Real Name",
        status: "ACTIVE",
        nested: [{ registrationNumber: "123", bankDetails: "IBAN", amount: "5" }],
        passwordHash: "$argon2id$...",
        contactEmail: null,
      }),
    ).toEqual({
      legalName: "[masked]",
      status: "ACTIVE",
      nested: [{ registrationNumber: "[masked]", bankDetails: "[masked]", amount: "5" }],
      passwordHash: "[masked]",
      contactEmail: null,
    });
  });

  it("keeps decimals and dates intact so they serialise as values", () => {
    const masked = maskSensitive({ amount: new Prisma.Decimal("120000.00"), at: new Date(0), legalName: "x" });
    expect(normalise(masked)).toEqual({ amount: "120000", at: "1970-01-01T00:00:00.000Z", legalName: "[masked]" });
  });
});
