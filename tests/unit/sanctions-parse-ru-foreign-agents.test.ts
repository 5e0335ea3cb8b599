import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, FIXTURES, fixture, garbage, parseAll } from "./sanctions-parse-helpers";

const read = (f: string) => readFileSync(path.join(FIXTURES, f));

describe("Russian register of foreign agents", () => {
  it("reads the CSV (semicolons) and the JSON (English and Russian keys) alike", async () => {
    for (const f of ["ru-foreign-agents-sample.csv", "ru-foreign-agents-sample.json"]) {
      const { entries } = await parseAll("ru-foreign-agents", [fixture(f)]);
      expect(counts(entries)).toEqual({ entries: 9, persons: 5, organisations: 4, names: 10, weak: 0 });
      expect(byId(entries, "2")).toMatchObject({
        kind: "person",
        names: [{ full: "Иванов Иван Иванович", lastName: "Иванов", firstName: "Иван", middleName: "Иванович", script: "Cyrl", lang: "ru", primary: true, weak: false }],
        birthDates: [{ date: "1975-04-12", year: 1975, month: 4, circa: false }],
        listedOn: "2022-12-30",
      });
      const ano = byId(entries, "1");
      expect(ano.kind).toBe("organisation");
      expect(ano.identifiers).toEqual([
        { type: "ogrn", value: "1027700000017", country: "RU", label: "ОГРН" },
        { type: "inn", value: "7701000017", country: "RU", label: "ИНН" },
      ]);
      expect(ano.legalBasis).toEqual(["ст. 4 Федерального закона от 14.07.2022 № 255-ФЗ"]);
      // An excluded agent is still read, with the date of exclusion.
      expect(byId(entries, "5")).toMatchObject({ delistedOn: "2024-11-15", listedOn: "2023-04-21", birthDates: [{ year: 1969, circa: false }] });
      expect(entries.filter((e) => e.delistedOn)).toHaveLength(1);
      expect(byId(entries, "7").identifiers).toContainEqual({ type: "national-id", value: "123-456-789 00", country: "RU", label: "СНИЛС" });
      expect(byId(entries, "8").names.map((n) => [n.full, n.script])).toEqual([["Fictional Press Foundation", "Latn"], ["Фонд «Вымышленная пресса»", "Cyrl"]]);
    }
  });

  it("refuses truncated, wrong-format, empty and garbage files", async () => {
    const csv = read("ru-foreign-agents-sample.csv");
    const json = read("ru-foreign-agents-sample.json");
    await expectRefused("ru-foreign-agents", [bytes("cut.json", json.subarray(0, Math.floor(json.length / 2)))], "truncated");
    await expectRefused("ru-foreign-agents", [bytes("cut.csv", csv.subarray(0, csv.indexOf('""Голос') + 4))], "truncated");
    await expectRefused("ru-foreign-agents", [bytes("obj.json", '{"name": "x"}')], "wrong-format");
    await expectRefused("ru-foreign-agents", [bytes("other.csv", "a,b,c\n1,2,3\n")], "wrong-format");
    await expectRefused("ru-foreign-agents", [bytes("random.bin", garbage())], "wrong-format");
    await expectRefused("ru-foreign-agents", [bytes("empty.json", "")], "empty");
  });
});
