// With session-cookie.ts, the only modules that import next-auth, so it can be replaced.
// Credentials sign-in issues a JWT cookie that carries nothing but the id of our
// server-side Session row.
import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../env";
import { logError } from "../log";
import type { PortalOrigin } from "../origins";
import { currentOrigin, originOfHeaders } from "../portal-origins";
import { SESSION_COOKIE_MAX_AGE, secureCookies, sessionCookie, sessionIdFromCookie } from "./session-cookie";
import { authenticate, authenticatePasskey, authenticateSignUp, type AuthResult } from "./sign-in";

export class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "throttled") {
    super();
    this.code = code;
  }
}

type Authenticate = (credentials: Partial<Record<string, unknown>>, headers: Headers) => Promise<AuthResult>;

function viaOurSession(id: string, credentials: Record<string, object>, check: Authenticate) {
  return Credentials({
    id,
    credentials,
    async authorize(given, request) {
      const result = await check(given, request.headers);
      if (!result.ok) throw new SignInRefused(result.code);
      return { id: result.userId, sid: result.sessionId };
    },
  });
}

// Built per request: the cookie depends on the origin used (an onion service has no HTTPS).
const nextAuth = NextAuth(async (request) => configFor(request ? originOfHeaders(request.headers) : await currentOrigin()));

const configFor = (origin: PortalOrigin): NextAuthConfig => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  useSecureCookies: secureCookies(origin),
  cookies: { sessionToken: sessionCookie(origin) },
  session: { strategy: "jwt", maxAge: SESSION_COOKIE_MAX_AGE },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A refused sign-in is expected and already an audit event; anything else is logged.
    error(error: Error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") logError("auth", error);
    },
  },
  providers: [
    // Each way in runs its checks in sign-in.ts and yields our own Session row's id.
    viaOurSession("credentials", { email: {}, password: {} }, authenticate),
    viaOurSession("passkey", { challengeId: {}, response: {} }, authenticatePasskey),
    viaOurSession("sign-up", { token: {}, password: {} }, authenticateSignUp),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) return { sid: (user as { sid: string }).sid, sub: user.id };
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: token.sid as string | undefined };
    },
  },
});

export const { handlers } = nextAuth;

/** The current request's session id (session-cookie.ts says why not through auth()). */
export const currentSessionId = sessionIdFromCookie;

/** Returns null on success, or the refusal code. */
async function signInVia(provider: string, fields: Record<string, string>) {
  try {
    await nextAuth.signIn(provider, { ...fields, redirect: false });
    return null;
  } catch (e) {
    if (e instanceof CredentialsSignin) return e.code === "throttled" ? ("throttled" as const) : ("invalid" as const);
    throw e;
  }
}

export const signInWithPassword = (email: string, password: string) => signInVia("credentials", { email, password });
export const signInWithPasskey = (challengeId: string, response: string) => signInVia("passkey", { challengeId, response });
/** Confirms a new applicant's address (the e-mailed link and their password) and signs them in. */
export const signInWithSignUpLink = (token: string, password: string) => signInVia("sign-up", { token, password });

export async function endNextAuthSession() {
  await nextAuth.signOut({ redirect: false });
}
