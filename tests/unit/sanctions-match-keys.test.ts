// Normalisation (NFKC, case, apostrophes, hyphens, look-alike letters), legal forms and the
// database keys, whose values are pinned: a change here means stored keys must be recomputed
// (bump KEY_VERSION).
import { describe, expect, it } from "vitest";
import { KEY_VERSION, foldLookalikes, nameKeys, normaliseWords, prepareName } from "@/lib/sanctions/match";

const texts = (s: string) => normaliseWords(s).map((w) => w.text);

describe("normalisation", () => {
  it("folds Latin letters typed into a Cyrillic word and the reverse", () => {
    expect(foldLookalikes("пeтров")).toEqual({ word: "петров", script: "Cyrl", folded: true });
    expect(foldLookalikes("ivаnov")).toEqual({ word: "ivanov", script: "Latn", folded: true });
    expect(foldLookalikes("oрeхов").word).toBe("орехов"); // no letter only one script has: the majority decides
    expect(foldLookalikes("рutin").word).toBe("putin");
    expect(foldLookalikes("петров").folded).toBe(false);
    expect(prepareName("Пeтров Иван", "person").folded).toBe(true);
  });

  it("joins apostrophes and soft/hard sign marks, splits hyphens and dots, folds width and case", () => {
    expect(texts("Д'Артаньян O’Brien")).toEqual(["дартаньян", "obrien"]);
    expect(texts("El'tsin Pod\"yachev Elʹcin Podʺjačev")).toEqual(["eltsin", "podyachev", "elcin", "podjačev"]);
    expect(texts("Мамед-Заде")).toEqual(["мамед", "заде"]);
    expect(texts("ＰＥＴＲＯＶ I.S.")).toEqual(["petrov", "i", "s"]);
    expect(normaliseWords("I.S. Petrov").map((w) => w.initial)).toEqual([true, true, false]);
    expect(texts("Straße")).toEqual(["strasse"]);
  });
});

describe("legal forms", () => {
  it.each([
    ["ООО «Ромашка»", ["ооо"], "romaxka"],
    ['ООО "Ромашка"', ["ооо"], "romaxka"],
    ["OOO Romashka", ["ooo"], "romaxka"],
    ["Romashka LLC", ["llc"], "romaxka"],
    ["Public Joint Stock Company Gazprom", ["public joint stock company"], "gasprom"],
    ["ПАО «Газпром»", ["пао"], "gasprom"],
    ["АНО «Диалог»", ["ано"], "dialog"],
    ["Благотворительный фонд «Подари жизнь»", ["благотворительный фонд"], "podari xisn"],
    ["ТОВ «Світанок»", ["тов"], "svitanok"],
    ["БФ «Повернись живим»", ["бф"], "povernis xivim"],
    ["Rosneft Deutschland G.m.b.H.", ["g m b h"], "deucland rosneft"],
    ["Deutsch-Russisches Forum e.V.", ["e v"], "deuc forum rusixes"],
    ["Člověk v tísni o.p.s.", ["o p s"], "clovek tisni"],
    ["Spolek Memorial z.s.", ["z s", "spolek"], "memorial"],
    ["Acme Holdings Inc.", ["inc"], "akme goldings"],
  ])("%s", (name, forms, key) => {
    const p = prepareName(name, "organisation");
    expect([...p.legalForms].sort()).toEqual([...forms].sort());
    expect(nameKeys(name, "organisation").key).toBe(key);
  });

  it("keeps a form word inside the name, and a name that is only form words", () => {
    expect(nameKeys("Open Society Fund Praha", "organisation").key).toBe("fund open praga sozeti");
    expect(nameKeys("Фонд", "organisation").key).toBe("fond");
  });
});

describe("nameKeys (stored and indexed by the database side)", () => {
  it("is pinned for this KEY_VERSION", () => {
    expect(KEY_VERSION).toBe(1);
    expect(nameKeys("Путин Владимир Владимирович", "person")).toEqual({ key: "putin vladimir vladimirovic", tokens: ["putin", "vladimir", "vladimirovic"] });
    expect(nameKeys("Пётр Ильич Чайковский", "person")).toEqual({ key: "caikovski ilic petr", tokens: ["caikovski", "ilic", "petr"] });
    expect(nameKeys("Анна Петрова", "person")).toEqual({ key: "ana petrov", tokens: ["ana", "petrov", "petrova"] });
    expect(nameKeys("ПАО «Газпром»", "organisation")).toEqual({ key: "gasprom", tokens: ["gasprom"] });
  });

  it("gives the same key to the Cyrillic name and its romanisations, in any order and case", () => {
    const key = nameKeys("Путин Владимир Владимирович", "person").key;
    expect(nameKeys("Vladimir Vladimirovich PUTIN", "person").key).toBe(key);
    expect(nameKeys("Wladimir Wladimirowitsch Putin", "person").tokens).toEqual(expect.arrayContaining(key.split(" ")));
    const tch = nameKeys("Чайковский", "person").key;
    for (const s of ["Chaikovskii", "Chaykovskiy", "Tschaikowski", "Čajkovskij", "Tchaikovsky"]) expect(nameKeys(s, "person").tokens, s).toContain(tch);
  });

  it("leaves out initials, one-letter words and legal forms; tokens are sorted and unique", () => {
    expect(nameKeys("I. S. Petrov", "person")).toEqual({ key: "petrov", tokens: ["petrov"] });
    expect(nameKeys("Gazprom PJSC", "organisation").tokens).not.toContain("pjsc");
    const t = nameKeys("Tschaikowski Tschaikowski", "person").tokens;
    expect(t).toEqual([...new Set(t)].sort());
  });

  it("is deterministic", () => {
    const names = ["Ельцин Борис", "Khrushchev Nikita", "ООО «Ромашка»"];
    expect(names.map((n) => nameKeys(n, "person"))).toEqual(names.map((n) => nameKeys(n, "person")));
  });
});
