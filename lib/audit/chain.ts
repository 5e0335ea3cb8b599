// Pure parts of the audit chain: canonical content, masking and hashing.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);
/** Events chained before streams existed (one global chain), hashed without stream fields. */
export const LEGACY_STREAM = "legacy";
export const PLATFORM_STREAM = "platform";

/** The stream an event belongs to: its funder's, or the platform's. */
export const streamOf = (funderId: string | null | undefined) => funderId ?? PLATFORM_STREAM;

/** Fields never written in clear into before/after. */
const SENSITIVE_KEYS = new Set([
  "legalName",
  "displayName",
  "registrationNumber",
  "contactEmail",
  "contactPhone",
  "contactName",
  "address",
  "bankDetails",
  "iban",
  "passwordHash",
  "password",
  "totpSecret",
  "identity",
  "wrappedKey",
  "recoveryCodes",
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(v));

export function maskSensitive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSensitive);
  // Only plain objects are walked; Decimals, Dates and the like are values.
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SENSITIVE_KEYS.has(k) && v != null ? "[masked]" : maskSensitive(v);
    }
    return out;
  }
  return value;
}

/** Makes a value JSON-safe the same way before storing and when verifying. */
export function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object") {
    // Prisma.Decimal and similar serialise through toJSON()
    const maybe = value as { toJSON?: () => unknown };
    if (typeof maybe.toJSON === "function" && value.constructor !== Object) {
      return normalise(maybe.toJSON());
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = normalise(v);
    }
    return out;
  }
  return value;
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  const v = normalise(value);
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, val]) => `${JSON.stringify(k)}:${canonicalJson(val)}`);
  return `{${entries.join(",")}}`;
}

export type ChainContent = {
  id: bigint | string;
  at: Date | string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  funderId: string | null;
  organisationId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  stream: string;
  streamSeq: bigint | string;
};

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Digest of what an event says (everything but its place in the chain). */
export function contentDigest(content: Omit<ChainContent, "id" | "stream" | "streamSeq">): string {
  const { at, actorId, actorRole, action, entityType, entityId, funderId, organisationId, before, after, requestId } = content;
  return sha256(canonicalJson({ at, actorId, actorRole, action, entityType, entityId, funderId, organisationId, before, after, requestId }));
}

/**
 * The link: previous hash, stream, position, id and content digest. Plain text so that the
 * database computes the same in the writer's one statement (lib/audit/write.ts); the stream
 * and position are in it, so moving an event is a change.
 */
export function linkHash(prevHash: string, stream: string, streamSeq: bigint | string, id: bigint | string, digest: string): string {
  return sha256(`${prevHash}:${stream}:${String(streamSeq)}:${String(id)}:${digest}`);
}

export function hashEvent(prevHash: string, content: ChainContent): string {
  const { stream, streamSeq, ...rest } = content;
  // Events of the single chain before streams existed keep the format they were hashed in.
  if (stream === LEGACY_STREAM) return sha256(canonicalJson({ ...rest, id: String(content.id), prevHash }));
  return linkHash(prevHash, stream, streamSeq, content.id, contentDigest(rest));
}
