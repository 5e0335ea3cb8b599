// Runs before every request: gives it an id (shown on error pages, written to the audit
// trail and the logs). Authorization is not done here: lib/ checks every call.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  restoreSameOriginOrigin(request, headers);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
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
