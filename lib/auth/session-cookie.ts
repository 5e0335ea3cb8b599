// The session cookie: its name and options (shared with the Auth.js configuration), and
// the write after a session is renewed (lib/auth/sessions.ts renewSession). Behind HTTPS
// the name has the `__Host-` prefix: the browser then accepts it only from this host, over
// HTTPS, for Path=/ and without a Domain, so a sibling subdomain cannot plant or shadow it.
// On an onion service over plain HTTP the cookie is not Secure (and so has no prefix): Tor
// Browser treats .onion as a secure context, and the Tor circuit encrypts the request.
import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { env } from "../env";
import type { PortalOrigin } from "../origins";
import { currentOrigin } from "../portal-origins";

export const SESSION_COOKIE_MAX_AGE = 7 * 24 * 3600;

export function secureCookies(origin: Pick<PortalOrigin, "https">): boolean {
  return env().MOST_INSECURE_HTTP !== "1" && origin.https;
}

/** The session cookie on the origin a request came through. */
export function sessionCookie(origin: Pick<PortalOrigin, "https">) {
  const secure = secureCookies(origin);
  return {
    name: `${secure ? "__Host-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** Points the browser's cookie at a renewed session (the same JWT Auth.js writes at sign-in). */
export async function setSessionCookie(sessionId: string, userId: string) {
  const { name, options } = sessionCookie(await currentOrigin());
  const value = await encode({ token: { sid: sessionId, sub: userId }, secret: env().AUTH_SECRET, salt: name, maxAge: SESSION_COOKIE_MAX_AGE });
  (await cookies()).set(name, value, { ...options, maxAge: SESSION_COOKIE_MAX_AGE });
}

/**
 * The session id in the browser's cookie, read through cookies(): inside a server action that
 * set a renewed session's cookie, the page rendered for its answer sees the new cookie, where
 * the request's Cookie header (which Auth.js's auth() reads) still names the ended session.
 */
export async function sessionIdFromCookie(): Promise<string | null> {
  const { name } = sessionCookie(await currentOrigin());
  const value = (await cookies()).get(name)?.value;
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: env().AUTH_SECRET, salt: name });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null; // forged, expired or sealed with a retired secret: signed out
  }
}
