// Stand-ins for the Next.js request plumbing (headers, cookies, navigation, cache,
// next-intl) so server actions and route handlers can be called directly in vitest,
// outside a request. Nothing else is replaced: next-auth (lib/auth/next-auth.ts, inlined
// by vitest.config.ts so it sees these stand-ins), currentActor and the session check
// run for real, reading the session cookie from the request's Cookie header. Use from a
// test file (vi.mock calls are hoisted, so the factories import this module lazily):
//
//   vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
//   vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
//   vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);
//   vi.mock("next-intl/server", async () => (await import("../../setup/next-mocks")).nextIntlServer);
//
// Then choose who is signed in with `await signInAs({ userId, sessionId })` (a real
// Session row: tests/setup/session-cookie.ts writes the cookie the real sign-in writes)
// or `await signInAs(null)`.
import en from "../../messages/en.json";

// ---------------------------------------------------------------------------------------
// Per-"request" state, set by the test before each call.

export type SignedIn = { userId: string; sessionId: string } | null;

export const request = {
  headers: new Headers(),
  /** The browser's cookies: sent as the Cookie header, written by cookies().set(). */
  cookies: new Map<string, string>(),
  /** Keys passed to t() that the English catalogue does not have. */
  missingKeys: new Set<string>(),
};

/** Presents `who`'s session cookie on the current request (or none). */
export async function signInAs(who: SignedIn) {
  const { sessionCookie } = await import("./session-cookie");
  const cookie = who ? await sessionCookie(who) : null;
  request.cookies = new Map(cookie ? [[cookie.name, cookie.value]] : []);
}

/** A fresh request: new headers (own client address, so throttles do not interfere), no cookies. */
export function newRequest(opts: { ip?: string } = {}) {
  request.headers = new Headers({
    host: "localhost:3000",
    "x-forwarded-proto": "http",
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
  set: (name: string | { name: string; value: string; maxAge?: number }, value?: string, options?: { maxAge?: number; expires?: Date }) => {
    const c = typeof name === "object" ? { ...name } : { name, value: value ?? "", ...options };
    const expired = c.value === "" || (c.maxAge !== undefined && c.maxAge <= 0) || ("expires" in c && c.expires instanceof Date && c.expires.getTime() <= Date.now());
    // A browser drops a cookie that is set empty or already expired (how sign-out clears it).
    if (expired) request.cookies.delete(c.name);
    else request.cookies.set(c.name, c.value);
    return cookieStore;
  },
  delete: (name: string) => {
    request.cookies.delete(name);
    return cookieStore;
  },
};

/** The request's headers with its cookies as the Cookie header, as the browser sends them. */
function requestHeaders() {
  const h = new Headers(request.headers);
  const cookie = [...request.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  if (cookie) h.set("cookie", cookie);
  return h;
}

export const nextHeaders = {
  headers: async () => requestHeaders(),
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
