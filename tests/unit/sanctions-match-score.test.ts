// Scoring: one case per category of the labelled set, the explanation codes, and the facts
// (birth date, nationality, identifiers, weak aliases) of scoreEntry.
import { describe, expect, it } from "vitest";
import type { ListEntry } from "@/lib/sanctions/types";
import {
  DEFAULT_THRESHOLD,
  REASON_CODES,
  compareBirthDate,
  editDistance,
  prepareEntry,
  prepareName,
  prepareSubject,
  scoreEntry,
  scoreNames,
  type NameKind,
} from "@/lib/sanctions/match";

const score = (a: string, b: string, kind: NameKind = "person") => scoreNames(a, b, kind).score;
const codes = (a: string, b: string, kind: NameKind = "person") => scoreNames(a, b, kind).reasons.map((r) => r.code);

describe("scoreNames: matches", () => {
  it.each([
    ["transliterated", "Пётр Ильич Чайковский", "Pyotr Ilyich Tchaikovsky"],
    ["German", "Сергей Щукин", "Sergej Schtschukin"],
    ["French", "Борис Ельцин", "Boris Eltsine"],
    ["scientific", "Никита Хрущёв", "Nikita Xruščëv"],
    ["Ukrainian", "Володимир Зеленський", "Wolodymyr Selenskyj"],
    ["Belarusian", "Аляксандр Лукашэнка", "Aliaksandr Lukashenka"],
    ["name order", "Путин Владимир Владимирович", "Vladimir Vladimirovich Putin"],
    ["patronymic missing", "Ротенберг Аркадий Романович", "Arkady Rotenberg"],
    ["initials", "Петров Иван Сергеевич", "И. С. Петров"],
    ["gender form", "Анна Петрова", "Anna Petrov"],
    ["typo (swap)", "Viktor Vekselberg", "Viktor Vekselbegr"],
    ["doubled letters", "Arkady Rotenberg", "Arkady Rottenberg"],
    ["look-alike letters", "Пeтров Иван", "Петров Иван"],
    ["first-name form", "Пётр Чайковский", "Peter Tschaikowski"],
  ])("%s: %s ~ %s", (_, a, b) => expect(score(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD));

  it.each([
    ["legal forms", "ООО «Ромашка»", "Romashka LLC"],
    ["Czech form", "Člověk v tísni o.p.s.", "Clovek v tisni"],
    ["German form", "Rosneft Deutschland GmbH", "ROSNEFT DEUTSCHLAND G.m.b.H."],
    ["Ukrainian form", "БФ «Повернись живим»", "Povernys Zhyvym Charitable Foundation"],
  ])("organisation, %s: %s ~ %s", (_, a, b) => expect(score(a, b, "organisation")).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD));
});

describe("scoreNames: below the threshold", () => {
  it.each([
    ["near-miss surname", "Петров Иван", "Петровский Иван"],
    ["near-miss surname", "Иванов Сергей", "Иваненко Сергей"],
    ["near-miss surname", "Смирнов Олег", "Smirnitsky Oleg"],
    ["near-miss ending", "Кличко Віталій", "Klychkov Vitalii"],
    ["same surname, other first name", "Петров Иван", "Petrov Sergei"],
    ["masculine/feminine first name", "Александр Петров", "Александра Петрова"],
    ["other patronymic", "Сидоров Иван Петрович", "Sidorov Ivan Sergeevich"],
    ["swapped parts", "Петров Иван", "Иванов Пётр"],
    ["surname only", "Putin", "Vladimir Putin"],
  ])("%s: %s vs %s", (_, a, b) => expect(score(a, b)).toBeLessThan(DEFAULT_THRESHOLD));

  it.each([
    ["ПАО «Газпром»", "ПАО «Газпром нефть»"],
    ["Sovcombank PJSC", "Sovcomflot PJSC"],
    ["ООО «Ромашка»", "ООО «Ромашка-Плюс»"],
  ])("organisation %s vs %s", (a, b) => expect(score(a, b, "organisation")).toBeLessThan(DEFAULT_THRESHOLD));
});

describe("explanations", () => {
  it("names what matched and why", () => {
    expect(codes("Vladimir Putin", "Vladimir Putin")).toEqual(["name-exact"]);
    expect(codes("Путин Владимир", "Vladimir Putin")).toEqual(["name-order", "name-transliterated", "name-transliterated"]);
    expect(codes("Путин Владимир Владимирович", "Putin Vladimir")).toContain("missing-patronymic");
    expect(codes("Petrov Ivan", "Petrov I.")).toContain("initial");
    expect(codes("Анна Петрова", "Anna Petrov")).toContain("gender-form");
    expect(codes("Igor Sechin", "Igor Sechn")).toContain("spelling");
    expect(codes("Пeтров", "Петров")).toContain("mixed-script");
    expect(codes("Пётр Чайковский", "Peter Chaikovsky")).toContain("name-equivalent");
    expect(codes("Петров Иван", "Петров Сергей")).toContain("part-mismatch");
    expect(codes("ООО «Ромашка»", "Romashka LLC", "organisation")).toContain("legal-form-ignored");
    const r = scoreNames("Анна Петрова", "Anna Petrov", "person").reasons.find((x) => x.code === "gender-form");
    expect(r).toEqual({ code: "gender-form", subject: "петрова", listed: "petrov" });
    const all = new Set<string>(REASON_CODES);
    for (const c of codes("Путин Владимир Владимирович", "Putin V.")) expect(all.has(c)).toBe(true);
  });

  it("scores prepared forms exactly as raw strings", () => {
    const a = "Пётр Ильич Чайковский";
    const b = "Tchaikovsky P. I.";
    expect(scoreNames(prepareName(a, "person"), prepareName(b, "person"), "person")).toEqual(scoreNames(a, b, "person"));
  });

  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("vekselberg", "vekselbegr")).toBe(1);
    expect(editDistance("abc", "abd")).toBe(1);
  });
});

const entry = (over: Partial<ListEntry> = {}): Pick<ListEntry, "kind" | "names" | "birthDates" | "nationalities" | "identifiers"> => ({
  kind: "person",
  names: [{ full: "Ivanov Sergei Borisovich", script: "Latn", primary: true, weak: false }],
  birthDates: [{ date: "1953-01-31", year: 1953, month: 1, circa: false }],
  nationalities: ["RU"],
  identifiers: [{ type: "passport", value: "70 1234567", country: "RU" }],
  ...over,
});

describe("scoreEntry", () => {
  const subject = { kind: "person" as const, names: ["Иванов Сергей Борисович"] };

  it("birth date exact / same year / circa / mismatch moves the score", () => {
    const base = scoreEntry(subject, entry()).score;
    const exact = scoreEntry({ ...subject, birthDate: "1953-01-31" }, entry());
    const year = scoreEntry({ ...subject, birthDate: "1953" }, entry());
    const other = scoreEntry({ ...subject, birthDate: "1971-06-02" }, entry());
    const circa = scoreEntry({ ...subject, birthDate: "1954" }, entry({ birthDates: [{ year: 1953, circa: true }] }));
    expect(exact.reasons.map((r) => r.code)).toContain("dob-exact");
    expect(year.reasons.map((r) => r.code)).toContain("dob-year");
    expect(circa.reasons.map((r) => r.code)).toContain("dob-circa");
    expect(other.reasons.map((r) => r.code)).toContain("dob-mismatch");
    expect(exact.score).toBeGreaterThanOrEqual(year.score);
    expect(other.score).toBeLessThan(base);
    expect(other.score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it("compares only the listed names it is given, when given some", () => {
    const two = entry({ names: [
      { full: "Ivanov Sergei Borisovich", script: "Latn", primary: true, weak: false },
      { full: "Petrov Pavel", script: "Latn", primary: false, weak: false },
    ] });
    const all = scoreEntry(subject, two);
    expect(all.matchedName).toBe("Ivanov Sergei Borisovich");
    expect(scoreEntry(subject, two, new Set(["Ivanov Sergei Borisovich"]))).toEqual(all);
    const other = scoreEntry(subject, two, new Set(["Petrov Pavel"]));
    expect(other.matchedName).not.toBe("Ivanov Sergei Borisovich");
    expect(other.score).toBeLessThan(all.score);
  });

  it("compares birth dates with ranges and circa years", () => {
    expect(compareBirthDate("1961", [{ year: 1960, yearTo: 1962, circa: false }])?.result).toBe("circa");
    expect(compareBirthDate("1963", [{ year: 1960, yearTo: 1962, circa: false }])?.result).toBe("mismatch");
    expect(compareBirthDate("1953-02-01", [{ date: "1953-01-31", year: 1953, circa: false }])?.result).toBe("circa");
    expect(compareBirthDate("bad", [{ year: 1953, circa: false }])).toBeUndefined();
  });

  it("nationality raises or lowers", () => {
    const ru = scoreEntry({ ...subject, nationality: "ru" }, entry());
    const cz = scoreEntry({ ...subject, nationality: "CZ" }, entry());
    expect(ru.reasons.map((r) => r.code)).toContain("nationality-match");
    expect(cz.reasons.map((r) => r.code)).toContain("nationality-mismatch");
    expect(ru.score).toBeGreaterThan(cz.score);
  });

  it("an identical strong identifier (spaces, dashes, case ignored) is near-decisive", () => {
    const org = entry({
      kind: "organisation",
      names: [{ full: "Stroygazmontazh LLC", script: "Latn", primary: true, weak: false }],
      identifiers: [{ type: "inn", value: "7729 588 440" }, { type: "ogrn", value: "1077758841555" }],
    });
    const renamed = scoreEntry({ kind: "organisation", names: ["ООО «Северный поток»"], identifiers: [{ type: "inn", value: "7729-588-440" }] }, org);
    expect(renamed.score).toBeGreaterThanOrEqual(0.95);
    expect(renamed.reasons.map((r) => r.code)).toContain("identifier-match");
    const otherInn = scoreEntry({ kind: "organisation", names: ["ООО «Стройгазмонтаж»"], identifiers: [{ type: "inn", value: "7700000000" }] }, org);
    expect(otherInn.reasons.map((r) => r.code)).toContain("identifier-mismatch");
    expect(otherInn.score).toBeLessThan(scoreEntry({ kind: "organisation", names: ["ООО «Стройгазмонтаж»"] }, org).score);
    const passport = scoreEntry({ ...subject, names: ["Sergei Ivanov"], identifiers: [{ type: "passport", value: "701234567", country: "RU" }] }, entry());
    expect(passport.score).toBeGreaterThanOrEqual(0.95);
    const otherCountry = scoreEntry({ ...subject, identifiers: [{ type: "passport", value: "701234567", country: "UA" }] }, entry());
    expect(otherCountry.reasons.map((r) => r.code)).not.toContain("identifier-match");
  });

  it("weak aliases count less; the matched name is named; a person is not an organisation", () => {
    const e = entry({
      names: [
        { full: "Ivanov Sergei Borisovich", script: "Latn", primary: true, weak: false },
        { full: "Sergo", script: "Latn", primary: false, weak: true },
        { full: "Ваня Грозный", script: "Cyrl", primary: false, weak: true },
      ],
    });
    const r = scoreEntry({ kind: "person", names: ["Ivan Petrov", "Vanya Grozny"] }, e);
    expect(r.matchedName).toBe("Ваня Грозный");
    expect(r.subjectName).toBe("Vanya Grozny");
    expect(r.reasons.map((x) => x.code)).toContain("weak-alias");
    expect(r.score).toBeLessThan(scoreNames("Vanya Grozny", "Ваня Грозный", "person").score);
    const org = scoreEntry({ kind: "organisation", names: ["Ivanov Sergei Borisovich"] }, entry());
    expect(org.reasons.map((x) => x.code)).toContain("kind-mismatch");
    expect(org.score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it("accepts prepared subject and entry with the same result", () => {
    const s = { ...subject, birthDate: "1953", nationality: "RU" };
    expect(scoreEntry(prepareSubject(s), prepareEntry(entry()))).toEqual(scoreEntry(s, entry()));
  });
});
