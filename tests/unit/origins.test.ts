// Which origin a request is answered as, what may be configured, and the headers per origin.
import { describe, expect, it } from "vitest";
import { onionOrigin, originForHost, originNamed, originProblem, parseOrigins } from "@/lib/origins";
import { securityHeaders } from "@/lib/security-headers";

const ONION = "http://most2xvbyn7pjqmvkdyfqf4zwdcicuthobrrdmbwbudcjw3adbmhfhid.onion";
const origins = parseOrigins("https://most.example.org/", `${ONION}, https://mirror.example.net,https://most.example.org`);

describe("portal origins", () => {
  it("lists APP_URL first, then each mirror once", () => {
    expect(origins.map((o) => o.origin)).toEqual(["https://most.example.org", ONION, "https://mirror.example.net"]);
    expect(origins.map((o) => o.onion)).toEqual([false, true, false]);
    expect(onionOrigin(origins)?.origin).toBe(ONION);
    expect(onionOrigin(parseOrigins("https://most.example.org", undefined))).toBeUndefined();
  });

  it("answers a request as the origin its Host names, and as APP_URL for any other Host", () => {
    expect(originForHost("mirror.example.net", origins).origin).toBe("https://mirror.example.net");
    expect(originForHost("MIRROR.example.NET", origins).origin).toBe("https://mirror.example.net");
    expect(originForHost(new URL(ONION).host, origins).onion).toBe(true);
    for (const forged of ["evil.example", "mirror.example.net.evil.example", "mirror.example.net:444", "", null, undefined]) {
      expect(originForHost(forged, origins).origin, String(forged)).toBe("https://most.example.org");
    }
  });

  it("keeps a stored origin only while it is configured", () => {
    expect(originNamed(ONION, origins).origin).toBe(ONION);
    expect(originNamed("https://retired.example.net", origins).origin).toBe("https://most.example.org");
    expect(originNamed(null, origins).origin).toBe("https://most.example.org");
  });

  it("refuses a mirror that is not a bare origin, or plain HTTP outside an onion service", () => {
    expect(originProblem(ONION, false)).toBeNull();
    expect(originProblem("https://mirror.example.net", false)).toBeNull();
    expect(originProblem("http://mirror.example.net", false)).toMatch(/https/);
    expect(originProblem("http://mirror.example.net", true)).toBeNull();
    expect(originProblem("https://mirror.example.net/", false)).toMatch(/origin only/);
    expect(originProblem("https://mirror.example.net/most", false)).toMatch(/origin only/);
    expect(originProblem("ftp://mirror.example.net", false)).toMatch(/http/);
    expect(originProblem("mirror.example.net", false)).toMatch(/not a URL/);
  });
});

describe("security headers per origin", () => {
  const onion = onionOrigin(origins);
  it("announce the onion service on the clearnet origins, at the same path", () => {
    const h = securityHeaders(originForHost("most.example.org", origins), onion, "/calls?page=2");
    expect(h["Onion-Location"]).toBe(`${ONION}/calls?page=2`);
    expect(h["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });

  it("carry neither HSTS nor Onion-Location on the onion service itself", () => {
    const h = securityHeaders(originForHost(new URL(ONION).host, origins), onion, "/");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(h["Onion-Location"]).toBeUndefined();
    expect(h["Content-Security-Policy"]).toBeUndefined(); // set per request with its nonce
    expect(h["X-Frame-Options"]).toBe("DENY");
  });

  it("carry no Onion-Location when no onion service is configured", () => {
    expect(securityHeaders(originForHost("most.example.org", origins), undefined, "/")["Onion-Location"]).toBeUndefined();
  });
});
