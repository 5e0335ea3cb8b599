// The session cookie: its name and options (shared with the Auth.js configuration), and
// the write after a session is renewed (lib/auth/sessions.ts renewSession). Behind HTTPS
// the name has the `__Host-` prefix: the browser then accepts it only from this host, over
// HTTPS, for Path=/ and without a Domain, so a sibling subdomain cannot plant or shadow it.
import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { env } from "../env";

export const SESSION_COOKIE_MAX_AGE = 7 * 24 * 3600;

export function secureCookies(): boolean {
  return env().MOST_INSECURE_HTTP !== "1" && env().APP_URL.startsWith("https:");
}

export function sessionCookie() {
  const secure = secureCookies();
  return {
    name: `${secure ? "__Host-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** Points the browser's cookie at a renewed session (the same JWT Auth.js writes at sign-in). */
export async function setSessionCookie(sessionId: string, userId: string) {
  const { name, options } = sessionCookie();
  const value = await encode({ token: { sid: sessionId, sub: userId }, secret: env().AUTH_SECRET, salt: name, maxAge: SESSION_COOKIE_MAX_AGE });
  (await cookies()).set(name, value, { ...options, maxAge: SESSION_COOKIE_MAX_AGE });
}
