// The session cookie a browser would present for a Session row. The cookie's name and the
// shape of its token are learnt once per test file from a real password sign-in through
// lib/auth/next-auth.ts (so they follow whatever lib/auth configures); other sessions'
// cookies are then sealed the same way, with the same secret, by Auth.js's own encoder.
import { decode, encode, type JWT } from "next-auth/jwt";
import { db } from "../../lib/db";
import { env } from "../../lib/env";
import { makeUser, TEST_PASSWORD } from "../factories";
import { newRequest, request } from "./next-mocks";

type Template = { name: string; token: Omit<JWT, "iat" | "exp" | "jti">; sessionId: string; userId: string };
let template: Promise<Template> | undefined;

async function learnTemplate(): Promise<Template> {
  const { signInWithPassword } = await import("../../lib/auth/next-auth");
  const user = await makeUser();
  const caller = { headers: request.headers, cookies: request.cookies };
  newRequest();
  const refused = await signInWithPassword(user.email, TEST_PASSWORD);
  if (refused) throw new Error(`the template sign-in was refused: ${refused}`);
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  for (const [name, value] of request.cookies) {
    const token = await decode({ token: value, secret: env().AUTH_SECRET, salt: name }).catch(() => null);
    if (token && Object.values(token).includes(session.id)) {
      const { iat: _iat, exp: _exp, jti: _jti, ...rest } = token;
      Object.assign(request, caller);
      return { name, token: rest, sessionId: session.id, userId: user.id };
    }
  }
  throw new Error(`no cookie set by the real sign-in names its session (cookies: ${[...request.cookies.keys()].join(", ")})`);
}

/** The cookie (name and sealed value) that names this session, as the real sign-in writes it. */
export async function sessionCookie(who: { userId: string; sessionId: string }) {
  template ??= learnTemplate();
  const t = await template;
  // The template's own session and user ids, wherever the token holds them, become this one's.
  const token = Object.fromEntries(Object.entries(t.token).map(([k, v]) => [k, v === t.sessionId ? who.sessionId : v === t.userId ? who.userId : v]));
  return { name: t.name, value: await encode({ token, secret: env().AUTH_SECRET, salt: t.name }) };
}
