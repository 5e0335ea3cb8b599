// The configured origins (lib/origins.ts) and the one the current request uses.
import "server-only";
import { env } from "./env";
import { originForHost, originNamed, parseOrigins, requestHost, type PortalOrigin } from "./origins";

let cached: { key: string; origins: PortalOrigin[] } | undefined;

export function configuredOrigins(): PortalOrigin[] {
  const { APP_URL, MOST_MIRROR_ORIGINS } = env();
  const key = `${APP_URL} ${MOST_MIRROR_ORIGINS ?? ""}`;
  if (cached?.key !== key) cached = { key, origins: parseOrigins(APP_URL, MOST_MIRROR_ORIGINS) };
  return cached.origins;
}

/** The origin of APP_URL: links for whoever has not used another one. */
export const primaryOrigin = (): PortalOrigin => configuredOrigins()[0]!;

export const originOfHeaders = (headers: Headers | null): PortalOrigin => originForHost(headers ? requestHost(headers) : null, configuredOrigins());

/** A person's stored origin while it is still configured; APP_URL's otherwise. */
export const storedOrigin = (origin: string | null | undefined): PortalOrigin => originNamed(origin, configuredOrigins());

let nextHeaders: Promise<typeof import("next/headers")> | undefined;

/** The origin the current request came through; APP_URL's outside a request (scripts, jobs). */
export async function currentOrigin(): Promise<PortalOrigin> {
  try {
    nextHeaders ??= import("next/headers");
    return originOfHeaders(await (await nextHeaders).headers());
  } catch {
    return primaryOrigin();
  }
}
