import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, fixture, garbage, parseAll } from "./sanctions-parse-helpers";

describe("Russian register of undesirable organisations", () => {
  it("reads the CSV and the JSON alike: Russian name, original-language alias, country, dates", async () => {
    for (const f of ["ru-undesirable-sample.csv", "ru-undesirable-sample.json"]) {
      const { entries } = await parseAll("ru-undesirable", [fixture(f)]);
      expect(counts(entries)).toEqual({ entries: 9, persons: 0, organisations: 9, names: 18, weak: 0 });
      const ned = byId(entries, "1");
      expect(ned.names).toEqual([
        { full: "Национальный фонд в поддержку демократии", script: "Cyrl", lang: "ru", primary: true, weak: false },
        { full: "National Endowment for Democracy", script: "Latn", primary: false, weak: false },
      ]);
      expect(ned).toMatchObject({ nationalities: ["US"], listedOn: "2015-07-28", legalBasis: ["Решение Генеральной прокуратуры РФ от 2015-07-28"] });
      expect(byId(entries, "6").nationalities).toEqual(["GB"]);
      // A bracket in the name's own script is part of the name, not an alias.
      expect(byId(entries, "2").names.map((n) => n.full)).toEqual(["Институт «Открытое общество» (Фонд содействия)", "Open Society Institute Assistance Foundation"]);
      expect(byId(entries, "4").listedOn).toBe("2015-12-03");
    }
  });

  it("refuses malformed, empty, duplicate and garbage files", async () => {
    await expectRefused("ru-undesirable", [bytes("bad.json", '[{"name": "x"}, nonsense]')], "malformed");
    await expectRefused("ru-undesirable", [bytes("empty.csv", "")], "empty");
    await expectRefused("ru-undesirable", [bytes("header.csv", "№ п/п,Наименование\n")], "empty");
    await expectRefused("ru-undesirable", [bytes("random.bin", garbage())], "wrong-format");
    await expectRefused("ru-undesirable", [bytes("twice.csv", "№,Наименование\n1,Фонд А\n1,Фонд Б\n")], "malformed");
    await expectRefused("ru-undesirable", [bytes("list.xml", "<list><row/></list>")], "wrong-format");
  });
});
