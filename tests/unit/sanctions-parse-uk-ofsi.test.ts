import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, garbage, parseAll, sample, sampleBytes } from "./sanctions-parse-helpers";

const CONLIST = "uk_sanctions/ofsi_ConList_2016-03-23_first200.csv";

describe("OFSI ConList CSV parser", () => {
  it("groups the 200 rows into entries by Group ID", async () => {
    const { entries, header } = await parseAll("uk-ofsi", [sample(CONLIST)]);
    expect(header.publicationDate).toBe("2016-03-23");
    expect(counts(entries)).toEqual({ entries: 85, persons: 77, organisations: 8, names: 125, weak: 0 });
  });

  it("reads names in Name 1…6 order, Windows-1252 text, dates with unknown parts", async () => {
    const { entries } = await parseAll("uk-ofsi", [sample(CONLIST)]);
    const abbas = byId(entries, "12510");
    expect(abbas.names).toEqual([
      { full: "Faysal ABBAS", firstName: "Faysal", lastName: "ABBAS", script: "Latn", primary: false, weak: false },
      { full: "Fayssal ABBAS", firstName: "Fayssal", lastName: "ABBAS", script: "Latn", primary: true, weak: false },
    ]);
    expect(abbas.birthDates).toEqual([{ year: 1955, circa: false }]);
    expect(abbas.programmes).toEqual(["Syria"]);
    expect(abbas.listedOn).toBe("2012-02-28");
    const toro = byId(entries, "12872");
    expect(toro.names[0]).toMatchObject({ full: "Adam Del Toro ABBAS", middleName: "Del Toro" });
    expect(toro.birthDates.map((d) => d.date)).toEqual(["1969-06-06", "1967-06-06"]);
    expect(toro.identifiers).toEqual([{ type: "passport", value: "2255278", country: "SY", label: "Passport" }]);
    expect(toro.nationalities).toEqual(["SY"]);
    const abdu = entries.find((e) => e.names.some((n) => n.full === "Muhammad Jamal ABDU"))!;
    expect(abdu.identifiers).toEqual([
      { type: "passport", value: "6487", country: "EG", label: "Passport" },
      { type: "passport", value: "388181", country: "YE", label: "Passport" },
    ]);
    const karim = entries.find((e) => e.names.some((n) => n.lastName === "ABDULKARIM"))!;
    expect(karim.kind).toBe("person");
    const iqbal = byId(entries, "6894");
    expect(iqbal.identifiers).toEqual([{ type: "national-id", value: "3603251708570001", label: "National Identification Number" }]);
  });

  it("reads the later columns: Alias Quality Low is weak, non-Latin names keep their language", async () => {
    const csv = [
      "Last Updated,01/02/2022",
      "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,Non-Latin Script Language,DOB,Nationality,Group Type,Alias Type,Alias Quality,Regime,Listed On,Group ID",
      "LAVROV,Sergei,Viktorovich,,,,,Сергей Викторович Лавров,Cyrillic,Russian,21/03/1950,Russia,Individual,Primary name,Good,Russia,25/02/2022,14195",
      "LAVROV,Sergey,,,,,,,,,21/03/1950,Russia,Individual,AKA,Low,Russia,25/02/2022,14195",
    ].join("\r\n");
    const { entries } = await parseAll("uk-ofsi", [bytes("ConList.csv", csv)]);
    expect(entries[0]?.names).toEqual([
      { full: "Sergei Viktorovich LAVROV", firstName: "Sergei", middleName: "Viktorovich", lastName: "LAVROV", script: "Latn", primary: true, weak: false },
      { full: "Сергей Викторович Лавров", script: "Cyrl", lang: "ru", primary: false, weak: false },
      { full: "Sergey LAVROV", firstName: "Sergey", lastName: "LAVROV", script: "Latn", primary: false, weak: true },
    ]);
  });

  it("decodes Windows-1252 names", async () => {
    const head = "Last Updated,01/02/2022\r\nName 6,Name 1,Name 2,Name 3,Name 4,Name 5,Group Type,Alias Type,Group ID\r\n";
    const row = Buffer.concat([Buffer.from("M"), Buffer.from([0xdc]), Buffer.from("LLER,Jos"), Buffer.from([0xe9]), Buffer.from(",,,,,Individual,Prime Alias,1\r\n")]);
    const { entries } = await parseAll("uk-ofsi", [bytes("ConList.csv", Buffer.concat([Buffer.from(head), row]))]);
    expect(entries[0]?.names[0]?.full).toBe("José MÜLLER");
  });

  it("refuses truncated, wrong-format, empty and garbage files", async () => {
    const full = sampleBytes(CONLIST);
    const inQuote = full.indexOf('"UN REF:QE.A.146.14.') + 10;
    await expectRefused("uk-ofsi", [bytes("cut.csv", full.subarray(0, inQuote))], "truncated");
    await expectRefused("uk-ofsi", [bytes("cut.csv", full.subarray(0, full.length - 40))], "truncated");
    const lines = full.toString("latin1").split("\r\n");
    const shortRow = [...lines.slice(0, 5), lines[5]?.split(",").slice(0, 10).join(","), ...lines.slice(6)].join("\r\n");
    await expectRefused("uk-ofsi", [bytes("short.csv", Buffer.from(shortRow, "latin1"))], "malformed");
    await expectRefused("uk-ofsi", [sample("ofac_sdn/sdn.csv")], "wrong-format");
    await expectRefused("uk-ofsi", [bytes("list.json", '[{"Name 6": "X"}]')], "wrong-format");
    await expectRefused("uk-ofsi", [bytes("empty.csv", "")], "empty");
    await expectRefused("uk-ofsi", [bytes("header.csv", full.subarray(0, full.indexOf("\n", 30) + 1))], "empty");
    await expectRefused("uk-ofsi", [bytes("random.bin", garbage())], "wrong-format");
  });
});
