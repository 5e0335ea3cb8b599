// The origins the portal is served under: APP_URL (its clearnet name) and MOST_MIRROR_ORIGINS
// (an onion service, mirror domains). A request is answered as the configured origin whose host
// it names; a Host header that names none of them gets APP_URL, so a forged Host can never
// put a stranger's name into a link or an e-mail. Pure: lib/portal-origins.ts reads the environment.

export type PortalOrigin = {
  /** "https://most.example" — scheme, host and port, no path. */
  origin: string;
  host: string;
  hostname: string;
  https: boolean;
  onion: boolean;
};

const isOnionHostname = (hostname: string) => hostname.toLowerCase().endsWith(".onion");

/** Why `value` cannot be a configured origin, or null when it can (env.ts uses this). */
export function originProblem(value: string, allowHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `"${value}" must be http(s)`;
  if (url.protocol === "http:" && !allowHttp && !isOnionHostname(url.hostname)) return `"${value}" must be https (http only for an onion service)`;
  if (url.origin !== value) return `"${value}" must be an origin only (scheme, host, port; no path or trailing slash), e.g. ${url.origin}`;
  return null;
}

export function toPortalOrigin(value: string): PortalOrigin {
  const url = new URL(value);
  return { origin: url.origin, host: url.host.toLowerCase(), hostname: url.hostname.toLowerCase(), https: url.protocol === "https:", onion: isOnionHostname(url.hostname) };
}

/** The primary origin first, then the mirrors in the order configured, without repeats. */
export function parseOrigins(appUrl: string, mirrors: string | undefined): PortalOrigin[] {
  const all = [new URL(appUrl).origin, ...(mirrors ?? "").split(",").map((s) => s.trim()).filter(Boolean)];
  const seen = new Set<string>();
  return all.map(toPortalOrigin).filter((o) => !seen.has(o.host) && seen.add(o.host));
}

/** The configured origin a request's Host names; APP_URL's for any other or no host. */
export function originForHost(host: string | null | undefined, origins: PortalOrigin[]): PortalOrigin {
  const h = (host ?? "").trim().toLowerCase();
  return origins.find((o) => o.host === h) ?? origins[0]!;
}

/** A stored origin (a person's last used one) if it is still configured, else APP_URL's. */
export function originNamed(origin: string | null | undefined, origins: PortalOrigin[]): PortalOrigin {
  return origins.find((o) => o.origin === origin) ?? origins[0]!;
}

/** The onion service's origin, when one is configured. */
export const onionOrigin = (origins: PortalOrigin[]): PortalOrigin | undefined => origins.find((o) => o.onion);

/** The host a request names, as Next.js reads it for its own origin check. */
export const requestHost = (headers: Headers) => headers.get("x-forwarded-host") ?? headers.get("host");
