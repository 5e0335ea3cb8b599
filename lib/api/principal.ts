// Who calls the API: a token, turned into what a staff member holding the matching read access at
// its funder would be. It works while it is not revoked, not expired, and its creator is still a
// funder admin of the funder and not disabled: a token never outlives the authority that made it.
import "server-only";
import { db } from "../db";
import { tokenHash } from "./tokens";
import { scopeFromDb, type ApiScopeName } from "./scopes";

export type ApiPrincipal = { tokenId: string; funderId: string; scopes: ReadonlySet<ApiScopeName> };

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header?.trim() ?? "");
  return m ? m[1]! : null;
}

/** The principal behind a token, or null: unknown, revoked, expired and orphaned look the same. */
export async function principalFor(token: string, now = new Date()): Promise<ApiPrincipal | null> {
  // Looked up by its hash (a unique index): no comparison of secrets in application code.
  const t = await db.apiToken.findUnique({
    where: { secretHash: tokenHash(token) },
    select: { id: true, funderId: true, scopes: true, expiresAt: true, revokedAt: true, createdBy: { select: { disabledAt: true, staffRoles: { select: { funderId: true, role: true } } } } },
  });
  if (!t || t.revokedAt || t.expiresAt <= now || t.createdBy.disabledAt) return null;
  if (!t.createdBy.staffRoles.some((r) => r.funderId === t.funderId && r.role === "FUNDER_ADMIN")) return null;
  return { tokenId: t.id, funderId: t.funderId, scopes: new Set(t.scopes.map(scopeFromDb)) };
}

/**
 * Counts a call in the token's one-minute window (the sign-in throttle's table, key api:<id>)
 * and says whether it is within the limit; one statement, so parallel calls count exactly.
 */
export async function countCall(tokenId: string, limit: number, now = new Date()): Promise<{ allowed: boolean; retryAfter: number }> {
  const windowStart = new Date(now.getTime() - 60_000);
  const [row] = await db.$queryRaw<{ failures: number; windowStartedAt: Date }[]>`
    INSERT INTO "LoginThrottle" (key, failures, "windowStartedAt")
    VALUES (${`api:${tokenId}`}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."windowStartedAt" <= ${windowStart} THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "windowStartedAt" = CASE WHEN "LoginThrottle"."windowStartedAt" <= ${windowStart} THEN ${now} ELSE "LoginThrottle"."windowStartedAt" END
    RETURNING failures, "windowStartedAt"`;
  const retryAfter = Math.max(1, Math.ceil((row!.windowStartedAt.getTime() + 60_000 - now.getTime()) / 1000));
  return { allowed: row!.failures <= limit, retryAfter };
}

/** Last use, for the admin page: written at most once a minute per token. */
export async function markUsed(tokenId: string, now = new Date()) {
  await db.apiToken.updateMany({ where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] }, data: { lastUsedAt: now } });
}
