// The in-memory candidate search: nothing the scorer could send to review is left out (on the
// labelled pairs), and a shared common first name alone does not make a candidate.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nameKeys, parseLabelled, prepareName, scoreNames, type NameKind } from "@/lib/sanctions/match";
import { NameIndex } from "@/lib/sanctions/name-index";

const load = (f: string) => parseLabelled(parse(readFileSync(`tests/fixtures/screening/${f}`), { columns: true, bom: true }) as Record<string, string>[]);
const pairs = [...load("name-pairs.csv"), ...load("name-pairs-holdout.csv")];

const listed = (entryId: string, name: string, kind: NameKind) => ({ entryId, ...nameKeys(name, kind), person: kind === "person" });
const indexOf = (names: [string, string, NameKind][], ids: { entryId: string; value: string }[] = []) =>
  new NameIndex(names.map(([id, n, k]) => listed(id, n, k)), ids);
const find = (ix: NameIndex, name: string, kind: NameKind, ids: string[] = []) => [...ix.lookup([prepareName(name, kind)], ids)].sort();

// Facts (birth date +0.08, nationality +0.02) raise a name score by at most 0.1: a name score
// below the default threshold minus that can never reach review.
const REVIEWABLE_NAME_SCORE = 0.75;

describe("candidate index", () => {
  it("finds every labelled pair whose names could reach review, and each pair alone", () => {
    const reviewable = pairs.filter((p) => scoreNames(p.name1, p.name2, p.kind).score >= REVIEWABLE_NAME_SCORE);
    expect(reviewable.length).toBeGreaterThan(300);
    const missed = reviewable.filter((p) => find(indexOf([["e", p.name2, p.kind]]), p.name1, p.kind).length === 0);
    expect(missed.map((p) => `${p.name1} / ${p.name2}`)).toEqual([]);
  });

  it("is selective over all the labelled names at once", () => {
    const ix = indexOf(pairs.map((p, i) => [`e${i}`, p.name2, p.kind]));
    const sizes = pairs.map((p) => find(ix, p.name1, p.kind).length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    // Most pairs are a name and one spelling of it; a screened name meets a handful of listed ones.
    expect(mean).toBeLessThan(0.02 * pairs.length);
    expect(ix.entries).toBe(pairs.length);
  });

  it("does not take a shared first name (or surname) alone as a candidate", () => {
    const ix = indexOf([["a", "Sergei Ivanov", "person"], ["b", "Sergei Petrov", "person"], ["c", "Anna Kuznetsova", "person"]]);
    expect(find(ix, "Sergei Kuznetsov", "person")).toEqual([]);
    expect(find(ix, "Sergei Petrov", "person")).toEqual(["b"]);
    // First name and patronymic alike, surnames apart: another person.
    const px = indexOf([["d", "Ivan Sergeevich Kuznetsov", "person"]]);
    expect(find(px, "Ivan Sergeevich Petrov", "person")).toEqual([]);
    expect(find(px, "Kuznetsov Ivan Pavlovich", "person")).toEqual(["d"]);
  });

  it("finds spellings, slips, other romanisations, gender forms and equivalent first names", () => {
    const ix = indexOf([["p", "Чайковский Пётр Ильич", "person"], ["s", "Sergei Petrovsky", "person"], ["k", "Anna Kuznetsova", "person"]]);
    expect(find(ix, "Tschaikowski Pjotr", "person")).toEqual(["p"]);
    expect(find(ix, "Čajkovskij Petr", "person")).toEqual(["p"]);
    expect(find(ix, "Peter Tchaikovsky", "person")).toEqual(["p"]);
    expect(find(ix, "Sergei Petrovskiy", "person")).toEqual(["s"]);
    expect(find(ix, "Sergei Pertovsky", "person")).toEqual(["s"]);
    expect(find(ix, "Кузнецов Анна", "person")).toEqual(["k"]);
  });

  it("takes one shared word when either name has only one", () => {
    const ix = indexOf([["m", "Memorial Human Rights Centre", "organisation"], ["n", "Navalny", "person"]]);
    expect(find(ix, "Memorial", "organisation")).toEqual(["m"]);
    expect(find(ix, "Alexei Navalny", "person")).toEqual(["n"]);
    expect(find(ix, "Rights Watch", "organisation")).toEqual([]);
  });

  it("compares a person with persons and an organisation with organisations", () => {
    const ix = indexOf([["p", "Ivan Petrov", "person"], ["o", "Ivan Petrov", "organisation"]]);
    expect(find(ix, "Petrov Ivan", "person")).toEqual(["p"]);
    expect(find(ix, "Petrov Ivan", "organisation")).toEqual(["o"]);
  });

  it("finds an identical identifier whatever the name, written with or without separators", () => {
    const ix = indexOf([["x", "Wagner Group", "organisation"]], [{ entryId: "x", value: "1177 847 261 602" }]);
    expect(find(ix, "Reliable Logistics", "organisation", ["1177847261602"])).toEqual(["x"]);
    expect(find(ix, "Reliable Logistics", "organisation", ["1177847261603"])).toEqual([]);
  });
});
