// Token scopes: the names clients see ("grants:read") and the database's enum values. A write
// scope (payments:write, used with an Idempotency-Key header) is one more line here and one
// more enum value in a migration.
import type { ApiScope } from "@prisma/client";

export const API_SCOPES = ["grants:read", "payments:read"] as const;
export type ApiScopeName = (typeof API_SCOPES)[number];

export const SCOPE_TO_DB: Record<ApiScopeName, ApiScope> = {
  "grants:read": "GRANTS_READ",
  "payments:read": "PAYMENTS_READ",
};

export const scopeFromDb = (s: ApiScope): ApiScopeName => API_SCOPES.find((n) => SCOPE_TO_DB[n] === s)!;

export const isApiScope = (v: unknown): v is ApiScopeName => typeof v === "string" && (API_SCOPES as readonly string[]).includes(v);

/** Calls per token per minute (one fixed window in the throttle table). */
export const API_RATE_LIMIT = 600;
/** Longest life of a token; the database refuses longer ones too. */
export const API_TOKEN_MAX_DAYS = 365;
