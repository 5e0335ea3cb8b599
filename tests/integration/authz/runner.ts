// Calls an action or a route handler as a given actor, the way Next.js would: a fresh
// request (own client address, no cookies), the signed-in session, and the arguments
// the client sends.
import { db } from "@/lib/db";
import type { AnyFn } from "./discover";
import { IDLE, sessionFor, type Fields, type Input } from "./scenarios";
import { newRequest, signInAs } from "../../setup/next-mocks";
import type { ActorKey, World } from "./world";

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

export const callHandler = (fn: AnyFn, req: { url: string; params?: Record<string, string> }) =>
  fn(new Request(req.url, { headers: { "x-forwarded-for": "10.0.0.1" } }), { params: Promise.resolve(req.params ?? {}) });
