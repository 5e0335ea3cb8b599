// Calls an action or a route handler as a given actor, the way Next.js would: a fresh
// request (own client address, no cookies), the signed-in session, and the arguments
// the client sends.
import type { Actor } from "@/lib/auth/actor";
import type { ApiScopeName } from "@/lib/api/scopes";
import { createApiToken, revokeApiToken } from "@/lib/api/tokens";
import { db } from "@/lib/db";
import { makeStaff } from "../../factories";
import type { TokenKind } from "./policy";
import type { AnyFn } from "./discover";
import { IDLE, sessionFor, type Fields, type Input } from "./scenarios";
import { newRequest, signInAs } from "../../setup/next-mocks";
import { actorOf, type ActorKey, type World } from "./world";

/** Lists go in as "key[]" entries, as the forms send them (lib/action.ts formValues). */
export function toFormData(fields: Fields): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) fd.append(`${key}[]`, v);
    else fd.append(key, value);
  }
  return fd;
}

/** Calls an action with an input: `(prevState, formData)` or `(formData)` for forms, `(object)`, or `(prevState)`. */
export function invoke(fn: AnyFn, input: Input): Promise<unknown> {
  switch (input.kind) {
    case "form": {
      const fd = toFormData(input.fields);
      return fn.length >= 2 ? fn(IDLE, fd) : fn(fd);
    }
    case "object":
      return fn(input.value);
    case "none":
      return fn(IDLE);
  }
}

/**
 * Signs `actor` in for the next call (its own session, or a new one): a live session whose
 * second factor was checked just now (step-up fresh), as for someone working in the portal.
 * The real session check then runs on the cookie (tests/setup/next-mocks.ts).
 */
export async function beginRequest(w: World, actor: ActorKey, opts: { freshSession?: boolean } = {}) {
  newRequest();
  if (actor === "ANONYMOUS") return signInAs(null);
  const user = w.users[actor];
  // A passed second factor renews the session (the old row ends as "renewed"); the browser
  // would carry the new cookie on, so the actor continues in a live session of its own.
  if (!opts.freshSession && (await db.session.findUniqueOrThrow({ where: { id: user.sessionId } })).revokedReason === "renewed") {
    user.sessionId = await sessionFor(user.id);
  }
  const sessionId = opts.freshSession ? await sessionFor(user.id) : user.sessionId;
  const now = new Date();
  await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: now, mfaVerifiedAt: now } });
  await signInAs({ userId: user.id, sessionId });
}

/** Calls a route handler; `token` adds `Authorization: Bearer …` as an API client sends it. */
export const callHandler = (fn: AnyFn, req: { url: string; params?: Record<string, string> }, token?: string) =>
  fn(new Request(req.url, { headers: { "x-forwarded-for": "10.0.0.1", ...(token ? { authorization: `Bearer ${token}` } : {}) } }), { params: Promise.resolve(req.params ?? {}) });

/** One token of each kind (policy.ts TOKEN_KINDS), made through the funder admin's own command. */
export async function tokensOf(w: World): Promise<Record<TokenKind, string>> {
  const admin = await actorOf(w, "FUNDER_ADMIN");
  const otherAdmin = await actorOf(w, "ALL_ROLES_OF_OTHER_FUNDER");
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const make = async (actor: Actor, funderId: string, scopes: ApiScopeName[], opts: { expiresOn?: string; now?: Date } = {}) =>
    createApiToken(actor, { funderId, name: scopes.join(" "), scopes, expiresOn: opts.expiresOn ?? day(30) }, opts.now);
  const all: ApiScopeName[] = ["grants:read", "payments:read"];
  const revoked = await make(admin, w.funder.id, all);
  await revokeApiToken(admin, revoked.id);
  // Made two months ago, ran out a month ago.
  const expired = await make(admin, w.funder.id, all, { now: new Date(Date.now() - 60 * 86_400_000), expiresOn: day(-30) });
  const formerAdmin = await makeStaff(w.funder.id, "FUNDER_ADMIN");
  const orphan = await make(formerAdmin, w.funder.id, all);
  await db.staffRole.deleteMany({ where: { userId: formerAdmin.userId, funderId: w.funder.id, role: "FUNDER_ADMIN" } });
  return {
    GRANTS_READ: (await make(admin, w.funder.id, ["grants:read"])).token,
    PAYMENTS_READ: (await make(admin, w.funder.id, ["payments:read"])).token,
    ALL_SCOPES: (await make(admin, w.funder.id, all)).token,
    OTHER_FUNDER: (await make(otherAdmin, w.otherFunder.id, all)).token,
    REVOKED: revoked.token,
    EXPIRED: expired.token,
    CREATOR_NOT_ADMIN: orphan.token,
  };
}
