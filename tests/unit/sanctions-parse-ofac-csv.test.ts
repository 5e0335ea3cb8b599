import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, garbage, parseAll, sample, sampleBytes } from "./sanctions-parse-helpers";

const SET = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"].map((f) => `ofac_sdn/${f}`);

describe("OFAC legacy CSV set parser", () => {
  it("joins sdn.csv with alt.csv and sdn_comments.csv by ent_num", async () => {
    const { entries, header } = await parseAll("ofac-csv", SET.map(sample));
    expect(counts(entries)).toEqual({ entries: 17, persons: 4, organisations: 7, names: 46, weak: 16 });
    expect(entries.filter((e) => e.kind === "vessel")).toHaveLength(4);
    expect(entries.filter((e) => e.kind === "aircraft")).toHaveLength(2);
    // The excerpt's alt.csv names five ent_num that its sdn.csv does not hold: said, not hidden.
    expect(header.warnings).toEqual(["5 ent_num in alt.csv with no sdn.csv entry"]);
  });

  it("reads names, remarks' weak a.k.a.s, dates, nationality and identifiers of a person", async () => {
    const { entries } = await parseAll("ofac-csv", SET.map(sample));
    const k = byId(entries, "48603");
    expect(k.kind).toBe("person");
    expect(k.names.map((n) => [n.full, n.weak])).toEqual([
      ["KHOROSHEV, Dmitry Yuryevich", false],
      ["KHOROSHEV, Dmitriy Yurevich", false],
      ["YURIEVICH, Dmitry", false],
      ["KHOROSHEV, Dmitrii Yuryevich", false],
      ["LOCKBITSUPP", true],
    ]);
    expect(k.names[0]).toMatchObject({ lastName: "KHOROSHEV", firstName: "Dmitry Yuryevich", primary: true });
    expect(k.birthDates).toEqual([{ date: "1993-04-17", year: 1993, month: 4, circa: false }]);
    expect(k.nationalities).toEqual(["RU"]);
    expect(k.identifiers).toContainEqual({ type: "passport", value: "2018278055", country: "RU", label: "Passport" });
    expect(k.identifiers).toContainEqual({ type: "passport", value: "2006801524", country: "RU", label: "Passport" });
    expect(k.identifiers).toContainEqual({ type: "inn", value: "366110340670", country: "RU", label: "Tax ID No." });
    expect(k.programmes).toEqual(["CYBER2"]);
    expect(byId(entries, "10278").identifiers).toEqual([
      { type: "passport", value: "P0017003", country: "BZ", label: "Passport" },
      { type: "national-id", value: "561-77-9011", country: "US", label: "SSN" },
    ]);
  });

  it("reads organisations' programmes, OGRN/INN, and remarks continued in sdn_comments.csv", async () => {
    const { entries } = await parseAll("ofac-csv", SET.map(sample));
    expect(byId(entries, "11195").programmes).toEqual(["NPWMD", "IFSR", "IRAN-CON-ARMS-EO"]);
    const dialog = byId(entries, "50544");
    expect(dialog.identifiers).toEqual([
      { type: "inn", value: "9709063550", country: "RU", label: "Tax ID No." },
      { type: "ogrn", value: "1207700248030", country: "RU", label: "Business Registration Number" },
    ]);
    expect(dialog.names.filter((n) => n.weak).map((n) => n.full)).toEqual(["DIALOGUE REGIONS", "DIALOG REGIONY", "DIALOGUE"]);
    const suex = byId(entries, "33151");
    // The address cut at the end of sdn.csv's Remarks is whole again with its continuation.
    expect(suex.identifiers).toContainEqual({ type: "other", value: "1B64QRxfaa35MVkf7sDjuGUYAP5izQt7Qi", label: "Digital Currency Address - XBT" });
    expect(suex.identifiers).toContainEqual({ type: "registration", value: "07486049", country: "CZ", label: "Company Number" });
    expect(suex.names.map((n) => [n.full, n.weak])).toEqual([["SUEX OTC, S.R.O.", false], ["SUCCESSFUL EXCHANGE", true]]);
    const tanker = byId(entries, "47371");
    expect(tanker.kind).toBe("vessel");
    expect(tanker.identifiers).toContainEqual({ type: "imo", value: "9339301", label: "Identification Number IMO" });
  });

  it("needs sdn.csv and accepts it alone; names files case-insensitively", async () => {
    await expectRefused("ofac-csv", [sample("ofac_sdn/alt.csv")], "missing-file");
    const { entries } = await parseAll("ofac-csv", [bytes("SDN.CSV", sampleBytes("ofac_sdn/sdn.csv"))]);
    expect(entries).toHaveLength(17);
    await expectRefused("ofac-csv", [sample("ofac_sdn/sdn.csv"), bytes("other.csv", "1,2")], "wrong-format");
  });

  it("refuses truncated, wrong-format, empty and garbage files", async () => {
    const sdn = sampleBytes("ofac_sdn/sdn.csv");
    const cut = sdn.indexOf("DOB 17 Apr 1993");
    await expectRefused("ofac-csv", [bytes("sdn.csv", sdn.subarray(0, cut))], "truncated");
    await expectRefused("ofac-csv", [bytes("sdn.csv", sampleBytes("uk_sanctions/ofsi_ConList_2016-03-23_first200.csv"))], "wrong-format");
    await expectRefused("ofac-csv", [bytes("sdn.csv", '[{"ent_num": 1}]')], "wrong-format");
    await expectRefused("ofac-csv", [bytes("sdn.csv", "")], "empty");
    await expectRefused("ofac-csv", [bytes("sdn.csv", garbage())], "wrong-format");
    await expectRefused("ofac-csv", [sample("ofac_sdn/sdn.csv"), bytes("alt.csv", sampleBytes("ofac_sdn/alt.csv").subarray(0, 700))], "truncated");
    const bad = Buffer.concat([sdn, Buffer.from('99999,"SHORT ROW",-0-\n')]);
    await expectRefused("ofac-csv", [bytes("sdn.csv", bad)], "malformed");
  });
});

describe("OFAC CSV cut at any byte", () => {
  it("is refused as truncated wherever a line is cut (a cut at a line end cannot be seen)", async () => {
    const sdn = sampleBytes("ofac_sdn/sdn.csv");
    for (let cut = 100; cut < sdn.length - 2; cut += 397) {
      if (sdn[cut - 1] === 0x0a) continue;
      await expectRefused("ofac-csv", [bytes("sdn.csv", sdn.subarray(0, cut))], "truncated");
    }
  });
});
