// An entry's hash decides "unchanged" between two list versions (and so whether a clearance
// carries over): equal for the same content in any key order, different for any change.
import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, LIST_OF, primaryName } from "@/lib/sanctions/lists";
import type { ListEntry } from "@/lib/sanctions/types";

const entry = (): ListEntry => ({
  source: "eu-fsf",
  sourceId: "13",
  kind: "person",
  names: [
    { full: "Saddam Hussein Al-Tikriti", script: "Latn", primary: true, weak: false },
    { full: "Abou Ali", script: "Latn", lang: "fr", primary: false, weak: false },
  ],
  birthDates: [{ date: "1937-04-28", circa: false }],
  nationalities: ["IQ"],
  identifiers: [],
  programmes: ["IRQ"],
  legalBasis: ["1210/2003 (OJ L169)"],
});

describe("entry hash", () => {
  it("does not depend on the order of keys", () => {
    const a = entry();
    const b = Object.fromEntries(Object.entries(a).reverse()) as unknown as ListEntry;
    expect(Object.keys(b)[0]).not.toBe(Object.keys(a)[0]);
    expect(entryHash(b)).toBe(entryHash(a));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it("changes with an alias, its weak mark, a date or a programme", () => {
    const base = entryHash(entry());
    const changes: Array<(e: ListEntry) => void> = [
      (e) => e.names.push({ full: "Абу Али", script: "Cyrl", primary: false, weak: true }),
      (e) => (e.names[1]!.weak = true),
      (e) => (e.birthDates[0]!.circa = true),
      (e) => e.programmes.push("UKR"),
    ];
    for (const change of changes) {
      const e = entry();
      change(e);
      expect(entryHash(e)).not.toBe(base);
    }
  });

  it("names the primary name, and maps every format to its list", () => {
    expect(primaryName(entry())).toBe("Saddam Hussein Al-Tikriti");
    expect(LIST_OF["ofac-csv"]).toBe(LIST_OF["ofac-sdn"]);
    expect(LIST_OF["uk-ofsi"]).toBe(LIST_OF["uk-fcdo"]);
  });
});
