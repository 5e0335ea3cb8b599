// Response hardening shared by proxy.ts and its tests. No third-party host is allowed:
// fonts, icons and scripts are all served by the portal itself.
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const HSTS = { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" };

const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  // Pages carry personal data: never kept by browsers or proxies.
  "Cache-Control": "no-store, max-age=0",
};

/**
 * The headers for a response on one of the portal's origins. No HSTS on an onion service (it
 * has no certificate to pin; Tor gives it its security); an onion address, when one is
 * configured, is announced on the other origins with Onion-Location (Tor Browser offers it).
 */
export function securityHeaders(origin: { onion: boolean }, onion: { origin: string } | undefined, pathAndQuery: string): Record<string, string> {
  return {
    ...(origin.onion ? {} : HSTS),
    ...STATIC_SECURITY_HEADERS,
    ...(onion && !origin.onion ? { "Onion-Location": `${onion.origin}${pathAndQuery}` } : {}),
  };
}
