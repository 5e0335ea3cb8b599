// Stand-ins for the Next.js request plumbing (headers, cookies, navigation, cache,
// next-intl, next-auth) so server actions and route handlers can be called directly in
// vitest, outside a request. Nothing here touches the database: the domain code under
// test runs for real. Use from a test file (vi.mock calls are hoisted, so the factories
// import this module lazily):
//
//   vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
//   vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
//   vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);
//   vi.mock("next-intl/server", async () => (await import("../../setup/next-mocks")).nextIntlServer);
//   vi.mock("@/lib/auth/next-auth", async () => (await import("../../setup/next-mocks")).nextAuth);
//   vi.mock("@/lib/auth/actor", async (importOriginal) =>
//     (await import("../../setup/next-mocks")).actorModule(await importOriginal()));
//
// Then choose who is signed in with `signInAs({ userId, sessionId })` or `signInAs(null)`.
import en from "../../messages/en.json";
import { AppError } from "../../lib/errors";

// ---------------------------------------------------------------------------------------
// Per-"request" state, set by the test before each call.

export type SignedIn = { userId: string; sessionId: string } | null;

export const request = {
  /** Who currentActor() returns (loaded fresh from the database on each call, like loadActor). */
  signedIn: null as SignedIn,
  headers: new Headers(),
  cookies: new Map<string, string>(),
  /** Keys passed to t() that the English catalogue does not have. */
  missingKeys: new Set<string>(),
};

export function signInAs(who: SignedIn) {
  request.signedIn = who;
}

/** A fresh request: new headers (own client address, so throttles do not interfere), no cookies. */
export function newRequest(opts: { ip?: string } = {}) {
  request.headers = new Headers({
    "x-forwarded-for": opts.ip ?? `10.${rnd()}.${rnd()}.${rnd()}`,
    "user-agent": "vitest",
    "accept-language": "en",
  });
  request.cookies = new Map();
}
const rnd = () => Math.floor(Math.random() * 250) + 1;

// ---------------------------------------------------------------------------------------
// next/headers

const cookieStore = {
  get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
  getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
  has: (name: string) => request.cookies.has(name),
  set: (name: string | { name: string; value: string }, value?: string) => {
    if (typeof name === "object") request.cookies.set(name.name, name.value);
    else request.cookies.set(name, value ?? "");
    return cookieStore;
  },
  delete: (name: string) => {
    request.cookies.delete(name);
    return cookieStore;
  },
};

export const nextHeaders = {
  headers: async () => request.headers,
  cookies: async () => cookieStore,
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

// ---------------------------------------------------------------------------------------
// next/cache

export const nextCache = {
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
  unstable_noStore: () => {},
  unstable_cache: <T>(fn: T) => fn,
};

// ---------------------------------------------------------------------------------------
// next/navigation: the same control-flow errors Next throws (the digest is what counts).

export type NavigationSignal = Error & { digest: string };

function signal(digest: string): NavigationSignal {
  return Object.assign(new Error(digest.split(";")[0]), { digest });
}

export const nextNavigation = {
  RedirectType: { push: "push", replace: "replace" },
  redirect: (url: string, type = "replace"): never => {
    throw signal(`NEXT_REDIRECT;${type};${url};307;`);
  },
  permanentRedirect: (url: string, type = "replace"): never => {
    throw signal(`NEXT_REDIRECT;${type};${url};308;`);
  },
  notFound: (): never => {
    throw signal("NEXT_HTTP_ERROR_FALLBACK;404");
  },
  forbidden: (): never => {
    throw signal("NEXT_HTTP_ERROR_FALLBACK;403");
  },
  unauthorized: (): never => {
    throw signal("NEXT_HTTP_ERROR_FALLBACK;401");
  },
};

export function isNavigationSignal(e: unknown): e is NavigationSignal {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK|NEXT_NOT_FOUND)/.test(digest);
}

// ---------------------------------------------------------------------------------------
// next-intl/server: t(key) returns the key itself, so results name the catalogue entry.
// t.has() answers from the real English catalogue, as next-intl does, so the action
// pipeline's fallback (unknown key → errors.field.invalid) behaves as in production.

function lookup(key: string): unknown {
  let node: unknown = en;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** True when `key` names a message (a string) in the English catalogue. */
export function catalogueHas(key: string): boolean {
  return typeof lookup(key) === "string";
}

function translator(namespace?: string) {
  const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
  const t = ((key: string) => {
    const k = full(key);
    if (!catalogueHas(k)) request.missingKeys.add(k);
    return k;
  }) as ((key: string, values?: Record<string, unknown>) => string) & Record<string, unknown>;
  t.has = (key: string) => catalogueHas(full(key));
  t.rich = t;
  t.markup = t;
  t.raw = (key: string) => lookup(full(key));
  return t;
}

export const nextIntlServer = {
  getTranslations: async (opts?: string | { namespace?: string }) =>
    translator(typeof opts === "string" ? opts : opts?.namespace),
  getLocale: async () => "en",
  getNow: async () => new Date(),
  getTimeZone: async () => "Europe/Prague",
  getMessages: async () => en,
  getFormatter: async () => ({ dateTime: String, number: String, relativeTime: String, list: String }),
  getRequestConfig: <T>(fn: T) => fn,
  setRequestLocale: () => {},
};

// ---------------------------------------------------------------------------------------
// @/lib/auth/next-auth: next-auth needs a real request. Password, passkey and sign-up-link sign-in run
// the real checks (lib/auth/sign-in.ts: throttling, verification, session, audit); only
// the cookie is not written.

export const nextAuth = {
  handlers: {
    GET: async () => new Response("next-auth is not exercised here", { status: 501 }),
    POST: async () => new Response("next-auth is not exercised here", { status: 501 }),
  },
  SignInRefused: class SignInRefused extends Error {},
  currentSessionId: async () => request.signedIn?.sessionId ?? null,
  signInWithPassword: async (email: string, password: string) => {
    const { authenticate } = await import("../../lib/auth/sign-in");
    const r = await authenticate({ email, password }, request.headers);
    return r.ok ? null : r.code;
  },
  signInWithPasskey: async (challengeId: string, response: string) => {
    const { authenticatePasskey } = await import("../../lib/auth/sign-in");
    const r = await authenticatePasskey({ challengeId, response }, request.headers);
    return r.ok ? null : r.code;
  },
  signInWithSignUpLink: async (token: string, password: string) => {
    const { authenticateSignUp } = await import("../../lib/auth/sign-in");
    const r = await authenticateSignUp({ token, password }, request.headers);
    return r.ok ? null : r.code;
  },
  endNextAuthSession: async () => {},
};

// ---------------------------------------------------------------------------------------
// @/lib/auth/actor: currentActor() is the signed-in user of `request`, loaded fresh from
// the database on every call (roles and memberships as they are now), with a second
// factor checked just now. Every other export stays real.

type ActorModule = typeof import("../../lib/auth/actor");

export function actorModule(actual: ActorModule) {
  const currentActor = async () => {
    const who = request.signedIn;
    if (!who) return null;
    const actor = await actual.actorForUser(who.userId);
    return { ...actor, sessionId: who.sessionId, mfaVerifiedAt: new Date(), pendingSecondFactor: null };
  };
  const requireActor = async () => {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated");
    return actor;
  };
  return {
    ...actual,
    currentActor,
    requireActor,
    requireArea: async (area: Parameters<typeof import("../../lib/auth/permissions").canEnterArea>[1]) => {
      const { canEnterArea } = await import("../../lib/auth/permissions");
      const actor = await requireActor();
      if (!canEnterArea(actor, area)) throw new AppError("forbidden");
      return actor;
    },
  } satisfies ActorModule;
}
