// The only module that imports next-auth, so it can be replaced. Credentials sign-in
// issues a JWT cookie that carries nothing but the id of our server-side Session row.
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../env";
import { logError } from "../log";
import { authenticate, authenticatePasskey, authenticateSignUp } from "./sign-in";

export class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "throttled") {
    super();
    this.code = code;
  }
}

const nextAuth = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  useSecureCookies: env().MOST_INSECURE_HTTP !== "1" && env().APP_URL.startsWith("https:"),
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A refused sign-in is expected and already an audit event; anything else is logged.
    error(error: Error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") logError("auth", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await authenticate(credentials, request.headers);
        if (!result.ok) throw new SignInRefused(result.code);
        return { id: result.userId, sid: result.sessionId };
      },
    }),
    Credentials({
      id: "passkey",
      credentials: { challengeId: {}, response: {} },
      async authorize(credentials, request) {
        const result = await authenticatePasskey(credentials, request.headers);
        if (!result.ok) throw new SignInRefused(result.code);
        return { id: result.userId, sid: result.sessionId };
      },
    }),
    Credentials({
      id: "sign-up",
      credentials: { token: {}, password: {} },
      async authorize(credentials, request) {
        const result = await authenticateSignUp(credentials, request.headers);
        if (!result.ok) throw new SignInRefused(result.code);
        return { id: result.userId, sid: result.sessionId };
      },
    }),
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
}));

export const { handlers } = nextAuth;

export async function currentSessionId(): Promise<string | null> {
  const session = (await nextAuth.auth()) as { sid?: string } | null;
  return session?.sid ?? null;
}

/** Returns null on success, or the refusal code. */
export async function signInWithPassword(email: string, password: string) {
  try {
    await nextAuth.signIn("credentials", { email, password, redirect: false });
    return null;
  } catch (e) {
    if (e instanceof CredentialsSignin) return e.code === "throttled" ? "throttled" : "invalid";
    throw e;
  }
}

export async function signInWithPasskey(challengeId: string, response: string) {
  try {
    await nextAuth.signIn("passkey", { challengeId, response, redirect: false });
    return null;
  } catch (e) {
    if (e instanceof CredentialsSignin) return e.code === "throttled" ? "throttled" : "invalid";
    throw e;
  }
}

/** Confirms a new applicant's address (the e-mailed link and their password) and signs them in. */
export async function signInWithSignUpLink(token: string, password: string) {
  try {
    await nextAuth.signIn("sign-up", { token, password, redirect: false });
    return null;
  } catch (e) {
    if (e instanceof CredentialsSignin) return e.code === "throttled" ? "throttled" : "invalid";
    throw e;
  }
}

export async function endNextAuthSession() {
  await nextAuth.signOut({ redirect: false });
}
