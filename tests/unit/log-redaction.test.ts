import { afterEach, describe, expect, it, vi } from "vitest";
import { logError, logInfo } from "@/lib/log";

afterEach(() => vi.restoreAllMocks());

describe("server log lines", () => {
  it("carry no e-mail address, whether in the message, an error or a field", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((l: string) => void lines.push(l));
    vi.spyOn(console, "log").mockImplementation((l: string) => void lines.push(l));
    logError("sign-up e-mail failed", new Error("550 5.1.1 <Ivan.Tikhonov@quiet.example.org>: Recipient address rejected"), "<signup-1@most.local>");
    logInfo("sent", { to: "anna.petrova+x@mail.example.ru" });
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l).not.toMatch(/tikhonov|petrova/i);
      expect(l).toContain("[address]");
      expect(() => JSON.parse(l)).not.toThrow();
    }
  });
});
