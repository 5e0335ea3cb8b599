import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, FIXTURES, fixture, garbage, parseAll, sample } from "./sanctions-parse-helpers";

const SAMPLE = "uk-fcdo-sample.xml";

describe("FCDO UK Sanctions List XML parser", () => {
  it("reads the written sample: persons, an entity, a ship", async () => {
    const { entries, header } = await parseAll("uk-fcdo", [fixture(SAMPLE)]);
    expect(header.publicationDate).toBe("2026-11-28T06:01:12");
    expect(counts(entries)).toEqual({ entries: 5, persons: 3, organisations: 1, names: 15, weak: 2 });
    expect(byId(entries, "RUS1720")).toMatchObject({ kind: "vessel", identifiers: [{ type: "imo", value: "9339301", label: "IMO" }] });
  });

  it("keeps the Cyrillic non-Latin name with its language, the primary name and its variation", async () => {
    const { entries } = await parseAll("uk-fcdo", [fixture(SAMPLE)]);
    const lavrov = byId(entries, "RUS0251");
    expect(lavrov.names).toEqual([
      { full: "Sergei Viktorovich LAVROV", firstName: "Sergei", middleName: "Viktorovich", lastName: "LAVROV", script: "Latn", primary: true, weak: false },
      { full: "Sergey Viktorovich LAVROV", firstName: "Sergey", middleName: "Viktorovich", lastName: "LAVROV", script: "Latn", primary: false, weak: false },
      { full: "Сергей Викторович ЛАВРОВ", script: "Cyrl", lang: "ru", primary: false, weak: false },
    ]);
    expect(lavrov).toMatchObject({ birthDates: [{ date: "1950-03-21", year: 1950, month: 3, circa: false }], nationalities: ["RU"], programmes: ["Russia"], listedOn: "2022-02-26", reference: "OFSI 14200" });
    expect(lavrov.identifiers).toEqual([{ type: "passport", value: "100000001", country: "RU", label: "Passport (Issued by Russia)" }]);
    expect(byId(entries, "AQD0104").names.find((n) => n.script === "Arab")?.lang).toBe("ar");
  });

  it("reads weak aliases (any NameType casing), placeholder dates and registration numbers", async () => {
    const { entries } = await parseAll("uk-fcdo", [fixture(SAMPLE)]);
    const vtb = byId(entries, "RUS0270");
    expect(vtb.names.map((n) => [n.full, n.weak])).toEqual([
      ["PUBLIC JOINT STOCK COMPANY VTB BANK", false],
      ["VTB BANK", false],
      ["VNESHTORGBANK", true],
      ["Банк ВТБ (публичное акционерное общество)", false],
    ]);
    expect(vtb.identifiers).toEqual([
      { type: "inn", value: "7702070139", country: "RU", label: "Tax Identification Number: INN" },
      { type: "ogrn", value: "1027739609391", country: "RU", label: "OGRN" },
    ]);
    const zawahiri = byId(entries, "AQD0104");
    expect(zawahiri.names.find((n) => n.full === "Abu Mohammed")?.weak).toBe(true);
    expect(zawahiri.birthDates).toEqual([{ date: "1951-06-19", year: 1951, month: 6, circa: false }, { year: 1952, circa: false }]);
    expect(zawahiri.legalBasis).toEqual(["UN QDi.002"]);
  });

  it("refuses truncated, wrong-format, empty and garbage files", async () => {
    const full = readFileSync(path.join(FIXTURES, SAMPLE));
    for (let cut = 50; cut < full.length - 16; cut += 211) await expectRefused("uk-fcdo", [bytes("cut.xml", full.subarray(0, cut))], "truncated");
    await expectRefused("uk-fcdo", [sample("eu_fsf/reke_XMLTest_extract.xml")], "wrong-format");
    await expectRefused("uk-fcdo", [sample("uk_sanctions/ofsi_ConList_2016-03-23_first200.csv")], "wrong-format");
    await expectRefused("uk-fcdo", [bytes("empty.xml", "")], "empty");
    await expectRefused("uk-fcdo", [bytes("random.bin", garbage())], "wrong-format");
    await expectRefused("uk-fcdo", [bytes("noid.xml", "<Designations><Designation><Names><Name><Name6>X</Name6></Name></Names></Designation></Designations>")], "malformed");
  });
});
