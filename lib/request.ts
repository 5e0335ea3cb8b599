// Per-request facts set by proxy.ts: the request id shown on error pages and written to
// the audit trail, and the client address used for sign-in throttling.
import "server-only";
import { createHmac, randomUUID } from "node:crypto";
import { env } from "./env";

async function requestHeaders(): Promise<Headers | null> {
  try {
    const { headers } = await import("next/headers");
    return await headers();
  } catch {
    return null; // outside a request: scripts, tests, jobs
  }
}

export async function currentRequestId(): Promise<string | null> {
  const h = await requestHeaders();
  return h?.get("x-request-id") ?? null;
}

export function clientAddressFrom(h: Headers | null): string {
  // The nearest hop is the last entry (added by Next.js itself or the reverse proxy);
  // earlier entries are whatever the client claimed.
  const forwarded = h?.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return (forwarded?.at(-1) ?? h?.get("x-real-ip") ?? "unknown").slice(0, 64);
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
