// The address of the TCP peer that sent a request. Next.js gives proxy.ts, pages and
// actions no socket address (NextRequest.ip is gone since 15, and its own X-Forwarded-For
// is set only when the client sent none), so instrumentation.ts installs a hook on the
// Node HTTP server that stamps every incoming request with it, overwriting whatever the
// client sent. The stamp carries a per-process secret: a header that did not come from
// the hook (a client's forgery, or a request that arrived before the hook) reads as none.
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";

export const PEER_ADDRESS_HEADER = "x-most-peer-address";

const TOKEN = Symbol.for("most.peerAddressToken");
const INSTALLED = Symbol.for("most.peerAddressHook");
type Holder = { [TOKEN]?: string; [INSTALLED]?: boolean };

/** Shared by every bundle of this process (instrumentation, proxy, actions): globalThis. */
function processToken(): string {
  const g = globalThis as Holder;
  return (g[TOKEN] ??= randomBytes(24).toString("base64url"));
}

export function peerAddressStamp(address: string): string {
  return `${processToken()} ${address.slice(0, 64)}`;
}

/** The stamped peer address, or null when the header is missing or not ours. */
export function peerAddressFrom(h: Headers | null): string | null {
  const value = h?.get(PEER_ADDRESS_HEADER);
  if (!value) return null;
  const space = value.indexOf(" ");
  const given = Buffer.from(space < 0 ? value : value.slice(0, space));
  const token = Buffer.from(processToken());
  if (space < 0 || given.length !== token.length || !timingSafeEqual(given, token)) return null;
  return value.slice(space + 1) || null;
}

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;

/** Patches the HTTP(S) servers of this process once; later requests carry the stamp. */
export function installPeerAddressHook() {
  const g = globalThis as Holder;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: Emit }[]) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event, ...args) {
      if (event === "request" || event === "checkContinue" || event === "checkExpectation") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_ADDRESS_HEADER] = peerAddressStamp(req.socket?.remoteAddress ?? "unknown");
      }
      return original.call(this, event, ...args);
    };
  }
}
