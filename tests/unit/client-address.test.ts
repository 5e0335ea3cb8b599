// Which address the sign-in throttles count: the socket peer, stamped on the request by
// the hook in lib/peer-address.ts; X-Forwarded-For only as far as TRUSTED_PROXY_HOPS allows.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, installPeerAddressHook, peerAddressFrom, peerAddressStamp } from "@/lib/peer-address";
import { clientAddressFrom } from "@/lib/request";

const direct = (peer: string, forwarded?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peerAddressStamp(peer), ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

describe("client address", () => {
  it("is the socket peer without trusted proxies, whatever X-Forwarded-For says", () => {
    expect(clientAddressFrom(direct("198.51.100.4"), 0)).toBe("198.51.100.4");
    expect(clientAddressFrom(direct("198.51.100.4", "203.0.113.7"), 0)).toBe("198.51.100.4");
    expect(clientAddressFrom(direct("198.51.100.4", "203.0.113.7, 203.0.113.8"), 0)).toBe("198.51.100.4");
  });

  it("takes the entry each trusted proxy added, never one the client wrote", () => {
    // Client 192.0.2.1 claims 203.0.113.7; proxy A (10.0.0.2) appends the real address,
    // proxy B (10.0.0.3) appends A's, and B is the socket peer.
    expect(clientAddressFrom(direct("10.0.0.2", "203.0.113.7, 192.0.2.1"), 1)).toBe("192.0.2.1");
    expect(clientAddressFrom(direct("10.0.0.3", "203.0.113.7, 192.0.2.1, 10.0.0.2"), 2)).toBe("192.0.2.1");
    // A shorter chain than the configured hops: the leftmost entry there is.
    expect(clientAddressFrom(direct("10.0.0.2"), 1)).toBe("10.0.0.2");
  });

  it("does not believe a peer header that the hook did not write", () => {
    const forged = new Headers({ [PEER_ADDRESS_HEADER]: "anything 203.0.113.9" });
    expect(peerAddressFrom(forged)).toBeNull();
    expect(clientAddressFrom(forged, 0)).toBe("unknown");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "203.0.113.9" }), 0)).toBe("unknown");
  });

  it("is stamped on every request by the HTTP server hook, over a client's own header", async () => {
    installPeerAddressHook();
    const seen: Headers[] = [];
    const server = http.createServer((req, res) => {
      seen.push(new Headers(req.headers as Record<string, string>));
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: peerAddressStamp("203.0.113.9").replace(/^\S+/, "guess"), "x-forwarded-for": "203.0.113.7" },
      });
    } finally {
      server.close();
    }
    expect(seen).toHaveLength(1);
    expect(clientAddressFrom(seen[0]!, 0)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
