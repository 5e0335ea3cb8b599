// API tokens, as the funder admin keeps them on /staff/api-tokens: created for one funder with
// scopes, a name and an expiry, shown once (only the SHA-256 is stored), revocable.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { canAtFunder } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { wallTimeToInstant } from "../time";
import { isCalendarDay, zId, zRequiredText } from "../validation";
import { API_SCOPES, API_TOKEN_MAX_DAYS, SCOPE_TO_DB, scopeFromDb } from "./scopes";

const TOKEN_PREFIX = "most_";

export const ZCreateApiToken = z.object({
  funderId: zId,
  name: zRequiredText(80),
  scopes: z.array(z.enum(API_SCOPES, "errors.field.invalid"), "errors.field.required").min(1, "api.tokens.scopesRequired"),
  expiresOn: z.string("errors.field.required").refine(isCalendarDay, "errors.field.date"),
});
export type TCreateApiToken = z.output<typeof ZCreateApiToken>;

/** SHA-256 of the whole token: 256 random bits need no slow hash, and the lookup is by it. */
export const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

const mayManage = (actor: Actor, funderId: string) => canAtFunder(actor, "apiTokens.manage", funderId);

/** Creates a token and returns its secret: the only time anyone sees it. */
export async function createApiToken(actor: Actor, input: TCreateApiToken, now = new Date()) {
  if (!mayManage(actor, input.funderId)) throw new AppError("notFound");
  // A token is a standing credential: made only right after a second-factor check, like a role.
  requireRecentSecondFactor(actor, now);
  // Valid through the chosen day on the admin's own clock (the list shows it in that zone), at
  // most a year ahead.
  const expiresAt = new Date(wallTimeToInstant(`${input.expiresOn}T23:59`, actor.timeZone).getTime() + 59_999);
  if (expiresAt <= now) throw new AppError("validation", { expiresOn: "api.tokens.expiryPast" });
  if (expiresAt.getTime() - now.getTime() > API_TOKEN_MAX_DAYS * 86_400_000) throw new AppError("validation", { expiresOn: "api.tokens.expiryTooFar" });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const scopes = [...new Set(input.scopes)];
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { funderId: input.funderId, name: input.name, secretHash: tokenHash(token), prefix: token.slice(0, 12), scopes: scopes.map((s) => SCOPE_TO_DB[s]), expiresAt, createdById: actor.userId, createdAt: now },
    });
    await writeAudit(tx, { userId: actor.userId, role: "FUNDER_ADMIN" }, {
      action: "apiToken.created", entityType: "ApiToken", entityId: row.id, funderId: input.funderId,
      after: { name: row.name, scopes, expiresAt: row.expiresAt.toISOString(), prefix: row.prefix },
    });
    return { id: row.id, token };
  });
}

export async function revokeApiToken(actor: Actor, tokenId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const t = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!t || !mayManage(actor, t.funderId)) throw new AppError("notFound");
    if (t.revokedAt) throw new AppError("alreadyDone");
    await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: now, revokedById: actor.userId } });
    await writeAudit(tx, { userId: actor.userId, role: "FUNDER_ADMIN" }, { action: "apiToken.revoked", entityType: "ApiToken", entityId: t.id, funderId: t.funderId, after: { name: t.name, prefix: t.prefix } });
  });
}

export type ApiTokenState = "active" | "expired" | "revoked";

/** The funder's tokens for its admin: never the secret (it is not stored). */
export async function listApiTokens(actor: Actor, funderId: string, now = new Date()) {
  if (!mayManage(actor, funderId)) throw new AppError("notFound");
  const rows = await db.apiToken.findMany({ where: { funderId }, orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes.map(scopeFromDb),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    state: (t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : "active") as ApiTokenState,
  }));
}

/** The expiry the form suggests: 90 days ahead. */
export const defaultTokenExpiry = (now = new Date()) => new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
