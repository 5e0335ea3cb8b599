// Runs before every request: gives it an id (shown on error pages, written to the audit
// trail and the logs) and the security headers, with a fresh CSP nonce. Authorization is
// not done here: lib/ checks every call.
import { NextResponse, type NextRequest } from "next/server";
import { STATIC_SECURITY_HEADERS, contentSecurityPolicy } from "./lib/security-headers";

export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:");
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set("content-security-policy", csp);
  restoreSameOriginOrigin(request, headers);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
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

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
