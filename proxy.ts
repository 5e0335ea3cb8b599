// Runs before every request: gives it an id (shown on error pages, written to the audit
// trail and the logs) and the security headers, with a fresh CSP nonce. Authorization is
// not done here: lib/ checks every call.
import { NextResponse, type NextRequest } from "next/server";
import { clientAddressFrom } from "./lib/request";
import {
  AnonymousActionLimiter,
  checkActionBody,
  checkBodySize,
  hasSessionCookie,
  isActionRequest,
  isForeignOrigin,
  isWellEncodedPath,
  type Refusal,
} from "./lib/request-guard";
import { onionOrigin } from "./lib/origins";
import { allowAnonymousAction } from "./lib/rate-limit";
import { configuredOrigins, originOfHeaders } from "./lib/portal-origins";
import { contentSecurityPolicy, securityHeaders } from "./lib/security-headers";

export async function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:");
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set("content-security-policy", csp);
  restoreSameOriginOrigin(request, headers);
  const response = (await refuseMalformed(request, headers)) ?? NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", csp);
  const { pathname, search } = request.nextUrl;
  const headersFor = securityHeaders(originOfHeaders(request.headers), onionOrigin(configuredOrigins()), `${pathname}${search}`);
  for (const [name, value] of Object.entries(headersFor)) response.headers.set(name, value);
  return response;
}

/**
 * With `Referrer-Policy: no-referrer` browsers send `Origin: null` on form posts, which
 * Next.js rejects for Server Actions. The browser-set Fetch Metadata header tells us the
 * post came from our own pages (it cannot be set by page scripts), so the real origin
 * is restored; cross-site posts keep `null` and are still refused.
 */
function restoreSameOriginOrigin(request: NextRequest, headers: Headers) {
  if (request.method !== "POST") return;
  if (headers.get("origin") !== "null") return;
  if (headers.get("sec-fetch-site") !== "same-origin") return;
  headers.set("origin", request.nextUrl.origin);
}

const anonymousActions = new AnonymousActionLimiter();

/**
 * Requests Next.js would answer with a bare 500 (no headers, sometimes after parsing a huge
 * body) get a short 4xx here instead. Callers without a session cookie may send only small
 * action bodies, at a bounded rate per client address (lib/request-guard.ts, counted for all
 * nodes together in lib/rate-limit.ts).
 */
async function refuseMalformed(request: NextRequest, headers: Headers): Promise<NextResponse | null> {
  const { pathname } = request.nextUrl;
  if (!isWellEncodedPath(pathname)) return NextResponse.rewrite(new URL("/not-found", request.url), { status: 404 });
  if (!isActionRequest(request.method, pathname, headers)) return null;
  if (isForeignOrigin(headers)) return refusal({ status: 403, reason: "foreign origin" });
  const anonymous = !hasSessionCookie(request.cookies.getAll().map((c) => c.name));
  if (anonymous) {
    // This node's memory turns a flood away without a query; the database counts across nodes.
    const address = clientAddressFrom(request.headers);
    if (!anonymousActions.allow(address) || !(await allowAnonymousAction(address))) return refusal({ status: 429, reason: "too many calls" });
  }
  const tooLarge = checkBodySize(headers, anonymous);
  if (tooLarge) return refusal(tooLarge);
  const bad = await checkActionBody(request.clone());
  return bad ? refusal(bad) : null;
}

function refusal(r: Refusal): NextResponse {
  return new NextResponse(`${r.status}: ${r.reason}\n`, { status: r.status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
