// Per-request facts set by proxy.ts: the request id shown on error pages and written to
// the audit trail, and the client address used for sign-in throttling (from the socket
// peer stamped by lib/peer-address.ts and, behind trusted proxies, X-Forwarded-For).
import "server-only";
import { createHmac, randomUUID } from "node:crypto";
import { env } from "./env";
import { peerAddressFrom } from "./peer-address";

// Imported once: a dynamic import on every call costs about as much as a small query in
// scripts and the worker, where every audited write asks for the request id.
let nextHeaders: Promise<typeof import("next/headers")> | undefined;

async function requestHeaders(): Promise<Headers | null> {
  try {
    nextHeaders ??= import("next/headers");
    const { headers } = await nextHeaders;
    return await headers();
  } catch {
    return null; // outside a request: scripts, tests, jobs
  }
}

export async function currentRequestId(): Promise<string | null> {
  const h = await requestHeaders();
  return h?.get("x-request-id") ?? null;
}

/**
 * The client's address: the socket peer (stamped by lib/peer-address.ts), or, behind
 * TRUSTED_PROXY_HOPS reverse proxies that each append to X-Forwarded-For, the entry that
 * many hops to the left of the peer. Entries further left are whatever the client claimed
 * and are never used. "unknown" when the peer is not known (all such requests share one
 * throttle, which errs on the side of refusing).
 */
export function clientAddressFrom(h: Headers | null, trustedHops = env().TRUSTED_PROXY_HOPS): string {
  const forwarded = trustedHops > 0
    ? (h?.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean)
    : [];
  const chain = [...forwarded, peerAddressFrom(h) ?? "unknown"];
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!.slice(0, 64);
}

/**
 * A keyed hash of the client address. Raw addresses of people at risk are never stored:
 * the tag is enough to throttle and to tell sessions apart, and useless without the key.
 */
export function addressTag(ip: string): string {
  return createHmac("sha256", env().AUTH_SECRET).update(`ip:${ip}`).digest("base64url").slice(0, 16);
}

export function newRequestId(): string {
  return randomUUID();
}

export async function clientAddress(): Promise<string> {
  return clientAddressFrom(await requestHeaders());
}
