import { describe, expect, it, vi } from "vitest";

vi.mock("next-intl/server", () => ({ getTranslations: vi.fn() }));
const { formValues } = await import("@/lib/action");

describe("form values", () => {
  it("nests dotted keys, collects [] keys into arrays and skips action metadata", () => {
    const fd = new FormData();
    fd.append("$ACTION_ID_abc", "");
    fd.append("title.en", "Call");
    fd.append("title.ru", "Конкурс");
    fd.append("scoring.weight[]", "60");
    fd.append("scoring.weight[]", "40");
    fd.append("sectors[]", "LGBTQ");
    fd.append("plain", "x");
    expect(formValues(fd)).toEqual({
      title: { en: "Call", ru: "Конкурс" },
      scoring: { weight: ["60", "40"] },
      sectors: ["LGBTQ"],
      plain: "x",
    });
  });
});
