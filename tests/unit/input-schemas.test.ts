import { describe, expect, it } from "vitest";
import { ZSignIn } from "@/lib/auth/schemas";
import { safeLocalPath } from "@/lib/paths";

const firstMessage = (r: ReturnType<typeof ZSignIn.safeParse>, field: string) =>
  r.success ? undefined : r.error.issues.find((i) => i.path[0] === field)?.message;

describe("sign-in input", () => {
  it("normalises the email", () => {
    const r = ZSignIn.parse({ email: "  Anna@Example.ORG ", password: "x" });
    expect(r.email).toBe("anna@example.org");
  });

  it("explains a malformed email with a catalogue key", () => {
    expect(firstMessage(ZSignIn.safeParse({ email: "not-an-email", password: "x" }), "email")).toBe("errors.field.email");
  });

  it("refuses a 10 kB password before any hashing", () => {
    const r = ZSignIn.safeParse({ email: "a@b.org", password: "x".repeat(10_240) });
    expect(firstMessage(r, "password")).toBe("errors.field.passwordTooLong");
  });

  it("requires a password", () => {
    expect(firstMessage(ZSignIn.safeParse({ email: "a@b.org", password: "" }), "password")).toBe("errors.field.required");
  });
});

describe("redirect targets", () => {
  it.each([
    ["/staff", "/staff"],
    ["/my?tab=1", "/my?tab=1"],
    ["//evil.example", null],
    ["https://evil.example", null],
    ["/\\evil.example", null],
    ["/\t/evil.example", null],
    ["/\n/evil.example", null],
    ["/\r\n/evil.example", null],
    ["/%09/evil.example", "/%09/evil.example"], // still encoded: the browser keeps it a path
    ["/invitations/abc-DEF_123", "/invitations/abc-DEF_123"],
    ["/ /evil.example", null],
    ["staff", null],
    [undefined, null],
    [42, null],
  ])("%s → %s", (input, expected) => {
    expect(safeLocalPath(input)).toBe(expected);
  });
});
