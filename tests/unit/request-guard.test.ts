import { describe, expect, it } from "vitest";
import { MAX_FORM_FIELDS } from "@/lib/limits";
import {
  AnonymousActionLimiter,
  checkActionBody,
  checkBodySize,
  hasSessionCookie,
  isForeignOrigin,
  isShallowJson,
  isWellEncodedPath,
} from "@/lib/request-guard";

const post = (body: BodyInit, type?: string) =>
  new Request("http://localhost/x", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("request guard", () => {
  it("tells broken %-escapes in a path", () => {
    expect(isWellEncodedPath("/calls/%E0%A4%A")).toBe(false);
    expect(isWellEncodedPath("/staff/grants/%ff")).toBe(false);
    expect(isWellEncodedPath("/calls/%D0%BC%D0%B8%D1%80")).toBe(true);
  });

  it("accepts shallow JSON and refuses deep or broken JSON without recursion", () => {
    expect(isShallowJson('[{"a":"[[[[","b":[1,2]}]')).toBe(true);
    expect(isShallowJson("[".repeat(100_000) + "]".repeat(100_000))).toBe(false);
    expect(isShallowJson('[{"status":"idle"},{"em')).toBe(false);
  });

  it("refuses foreign and null origins, not missing ones", () => {
    const h = (o: Record<string, string>) => new Headers({ host: "portal.example", ...o });
    expect(isForeignOrigin(h({ origin: "https://portal.example" }))).toBe(false);
    expect(isForeignOrigin(h({ origin: "https://evil.example" }))).toBe(true);
    expect(isForeignOrigin(h({ origin: "null" }))).toBe(true);
    expect(isForeignOrigin(h({}))).toBe(false);
  });

  it("knows the session cookie under every prefix", () => {
    expect(hasSessionCookie(["authjs.session-token"])).toBe(true);
    expect(hasSessionCookie(["__Host-authjs.session-token.0"])).toBe(true);
    expect(hasSessionCookie(["authjs.csrf-token", "NEXT_LOCALE"])).toBe(false);
  });

  it("bounds anonymous bodies more tightly than signed-in ones", () => {
    const len = (n: number) => new Headers({ "content-length": String(n) });
    expect(checkBodySize(len(2_900_000), true)?.status).toBe(413);
    expect(checkBodySize(len(2_900_000), false)).toBeNull();
    expect(checkBodySize(len(12 * 1024 * 1024), false)?.status).toBe(413);
    expect(checkBodySize(new Headers(), true)?.status).toBe(411);
  });

  it("refuses multipart bodies with control characters in names, long names or too many fields", async () => {
    const nul = new FormData();
    nul.append("0", '["$K1"]');
    nul.append("1_file", new Blob(["%PDF-1.4"]), "a\u0000b.pdf");
    expect(await checkActionBody(post(nul))).toEqual({ status: 400, reason: "bad file name" });
    const long = new FormData();
    long.append("x".repeat(100_000), "v");
    expect(await checkActionBody(post(long))).toEqual({ status: 400, reason: "bad field name" });
    const many = new FormData();
    for (let i = 0; i <= MAX_FORM_FIELDS; i++) many.append(`f${i}`, "v");
    expect(await checkActionBody(post(many))).toEqual({ status: 413, reason: "too many fields" });
    const fine = new FormData();
    fine.append("0", '["$K1"]');
    fine.append("1_name", "Anna");
    expect(await checkActionBody(post(fine))).toBeNull();
  });

  it("refuses a broken multipart body and broken argument JSON", async () => {
    expect((await checkActionBody(post("--x\r\nbroken", "multipart/form-data; boundary=x")))?.status).toBe(400);
    expect((await checkActionBody(post('[{"a":', "text/plain;charset=UTF-8")))?.status).toBe(400);
    expect(await checkActionBody(post('[{"a":1}]', "text/plain;charset=UTF-8"))).toBeNull();
  });

  it("limits anonymous calls per address and minute", () => {
    const limiter = new AnonymousActionLimiter(3);
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.allow("203.0.113.7", t))).toEqual([true, true, true, false]);
    expect(limiter.allow("203.0.113.8", t)).toBe(true);
    expect(limiter.allow("203.0.113.7", t + 60_000)).toBe(true);
  });
});
