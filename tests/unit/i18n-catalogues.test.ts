// Every key must exist in every language, with the same placeholders, and parse as ICU.
import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import cs from "@/messages/cs.json";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import uk from "@/messages/uk.json";
import { negotiateLocale } from "@/lib/i18n/locales";

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const catalogues = { en: flatten(en), ru: flatten(ru), cs: flatten(cs), uk: flatten(uk) };

function placeholders(message: string): string[] {
  // ICU arguments: {name}, {name, plural, …}; `#` inside plurals is not an argument.
  const names = new Set<string>();
  for (const m of message.matchAll(/\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*[,}]/g)) names.add(m[1]!);
  return [...names].sort();
}

describe("message catalogues", () => {
  for (const [locale, messages] of Object.entries(catalogues)) {
    it(`${locale} has exactly the English keys`, () => {
      const missing = [...catalogues.en.keys()].filter((k) => !messages.has(k));
      const extra = [...messages.keys()].filter((k) => !catalogues.en.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} messages are non-empty, parse and keep the placeholders`, () => {
      for (const [key, message] of messages) {
        expect(message.trim(), key).not.toBe("");
        expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
        expect(placeholders(message), key).toEqual(placeholders(catalogues.en.get(key)!));
      }
    });
  }

  it("formats Russian plurals with their own forms", () => {
    const msg = new IntlMessageFormat(catalogues.ru.get("applicant.applicationCount")!, "ru");
    expect(msg.format({ count: 1 })).toBe("1 заявка");
    expect(msg.format({ count: 3 })).toBe("3 заявки");
    expect(msg.format({ count: 5 })).toBe("5 заявок");
  });

  it("formats Ukrainian plurals with their own forms", () => {
    const msg = new IntlMessageFormat(catalogues.uk.get("applicant.applicationCount")!, "uk");
    expect(msg.format({ count: 0 })).toBe("немає заявок");
    expect(msg.format({ count: 1 })).toBe("1 заявка");
    expect(msg.format({ count: 3 })).toBe("3 заявки");
    expect(msg.format({ count: 5 })).toBe("5 заявок");
    expect(msg.format({ count: 21 })).toBe("21 заявка");
  });

  it("gives every Ukrainian plural the language's four forms", () => {
    // Ukrainian has one, few, many and other (fractions); a plural that lacks one falls back
    // to `other` and reads wrongly for that count.
    type Ast = ReturnType<IntlMessageFormat["getAst"]>;
    const forms = (elements: Ast): string[][] =>
      elements.flatMap((e) => {
        if (!("options" in e)) return "children" in e ? forms(e.children) : [];
        const inner = Object.values(e.options).flatMap((o) => forms(o.value));
        return "pluralType" in e ? [Object.keys(e.options), ...inner] : inner;
      });
    let plurals = 0;
    for (const [key, message] of catalogues.uk) {
      for (const options of forms(new IntlMessageFormat(message, "uk").getAst())) {
        plurals++;
        expect(["one", "few", "many", "other"].filter((f) => !options.includes(f)), key).toEqual([]);
      }
    }
    expect(plurals).toBeGreaterThan(20);
  });

  it("does not leave English text in the Russian, Czech or Ukrainian catalogue", () => {
    // Proper names (US donors) stay in English; sentences may not. Arguments are not words
    // ("{outcome}: {count, number}" reads the same in every language).
    const properNames = /^lostFunding\.donor\./;
    const words = (v: string) => v.replace(/\{[^{}]*\}/g, " ").split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    for (const locale of ["ru", "cs", "uk"] as const) {
      const same = [...catalogues.en].filter(
        ([k, v]) => !properNames.test(k) && words(v) > 2 && catalogues[locale].get(k) === v,
      );
      expect(same.map(([k]) => k), locale).toEqual([]);
    }
  });
});

describe("language negotiation", () => {
  it.each([
    ["ru-RU,ru;q=0.9,en;q=0.8", "ru"],
    ["cs,en;q=0.5", "cs"],
    ["de-DE,de;q=0.9", "en"],
    ["de;q=0.9,ru;q=0.5", "ru"],
    ["en;q=0.1,cs;q=0.8", "cs"],
    ["uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.7", "uk"],
    ["ru;q=0.5,uk;q=0.9", "uk"],
    ["", "en"],
    [null, "en"],
    ["ru;q=0", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
