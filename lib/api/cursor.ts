// Opaque cursors: the sort key of the last item of a page, base64url JSON. A cursor that does
// not decode is a client error (problem 400), never a crash.
export type UpdatedCursor = { u: string; i: string };

export const encodeCursor = (c: Record<string, string>) => Buffer.from(JSON.stringify(c), "utf8").toString("base64url");

function decode(raw: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** (updatedAt, id) of the last item seen; null when the text is not such a cursor. */
export function decodeUpdatedCursor(raw: string): { updatedAt: Date; id: string } | null {
  const v = decode(raw);
  // Only what encodeCursor writes (toISOString): a far-off year would reach PostgreSQL out of range.
  if (!v || typeof v.u !== "string" || typeof v.i !== "string" || !UUID.test(v.i) || !ISO_INSTANT.test(v.u)) return null;
  const updatedAt = new Date(v.u);
  return Number.isNaN(updatedAt.getTime()) ? null : { updatedAt, id: v.i };
}

/** The ledger's increasing entry id; null when not such a cursor. */
export function decodeIdCursor(raw: string): bigint | null {
  const v = decode(raw);
  return v && typeof v.e === "string" && /^\d{1,19}$/.test(v.e) ? BigInt(v.e) : null;
}
