import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, garbage, parseAll, sample, sampleBytes } from "./sanctions-parse-helpers";

const UN = "un_consolidated/UN_consolidated.xml";

describe("UN consolidated list parser", () => {
  it("reads the whole list of 2026-02-27: 730 individuals, 273 entities", async () => {
    const { entries, header } = await parseAll("un", [sample(UN)]);
    expect(header.publicationDate).toBe("2026-02-27T00:00:09.554Z");
    expect(counts(entries)).toEqual({ entries: 1003, persons: 730, organisations: 273, names: 4151, weak: 632 });
    expect(new Set(entries.map((e) => e.sourceId)).size).toBe(1003);
    const scripts = new Set(entries.flatMap((e) => e.names.map((n) => n.script)));
    expect([...scripts].sort()).toEqual(["Arab", "Cyrl", "Hani", "Latn"]);
  });

  it("keeps original-script names and 'original script' alias notes, weak when QUALITY is Low", async () => {
    const { entries } = await parseAll("un", [sample(UN)]);
    expect(byId(entries, "2960872").names).toContainEqual({ full: "Умаров Доку Хаматович", script: "Cyrl", primary: false, weak: false });
    const banat = byId(entries, "6908487").names;
    expect(banat).toContainEqual({ full: "Abu Banat", script: "Latn", primary: false, weak: true });
    expect(banat).toContainEqual({ full: "Абу Банат", script: "Cyrl", primary: false, weak: true });
    expect(byId(entries, "6908660").names).toContainEqual({ full: "شركة الكوثر", script: "Arab", primary: false, weak: false });
    // A passport's note gives the name as written in it: kept as an alias.
    expect(byId(entries, "6908659").names).toContainEqual({ full: "عمر محمود إرحيم الفياض", script: "Arab", primary: false, weak: false });
  });

  it("reads exact, year-only, approximate and between dates", async () => {
    const { entries } = await parseAll("un", [sample(UN)]);
    expect(byId(entries, "6907993").birthDates).toEqual([{ year: 1971, circa: false }]);
    expect(byId(entries, "6908006").birthDates).toContainEqual({ year: 1966, circa: true });
    expect(byId(entries, "6908021").birthDates).toEqual([{ year: 1973, yearTo: 1974, circa: false }]);
    expect(byId(entries, "6908011").birthDates).toEqual([{ date: "1970-10-08", year: 1970, month: 10, circa: false }]);
  });

  it("reads documents, nationality, programme, reference and listing date", async () => {
    const { entries } = await parseAll("un", [sample(UN)]);
    const e = byId(entries, "6908012");
    expect(e.identifiers).toContainEqual({ type: "passport", value: "OB 0243318", country: "CD", label: "Passport" });
    const badege = byId(entries, "6907993");
    expect(badege).toMatchObject({ kind: "person", nationalities: ["CD"], programmes: ["DRC"], reference: "CDi.001", listedOn: "2012-12-31" });
    expect(badege.names[0]).toMatchObject({ full: "ERIC BADEGE", firstName: "ERIC", lastName: "BADEGE", primary: true });
    const adf = byId(entries, "6908402");
    expect(adf.kind).toBe("organisation");
    expect(adf.names.map((n) => n.full)).toEqual(["ADF", "Allied Democratic Forces", "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda", "ADF/NALU", "NALU"]);
  });

  it("refuses truncated, wrong-format, empty and garbage files", async () => {
    const full = sampleBytes(UN);
    for (const cut of [100, 1_000_000, full.length - 30]) await expectRefused("un", [bytes("cut.xml", full.subarray(0, cut))], "truncated");
    await expectRefused("un", [sample("eu_fsf/reke_XMLTest_extract.xml")], "wrong-format");
    await expectRefused("un", [sample("ofac_sdn/sdn.csv")], "wrong-format");
    await expectRefused("un", [bytes("empty.xml", new Uint8Array())], "empty");
    // An <INDIVIDUAL> outside <INDIVIDUALS> would otherwise be skipped unseen.
    await expectRefused("un", [bytes("moved.xml", "<CONSOLIDATED_LIST><INDIVIDUALS/><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL></CONSOLIDATED_LIST>")], "malformed");
    await expectRefused("un", [bytes("random.bin", garbage())], "wrong-format");
    await expectRefused("un", [bytes("latin1.xml", new Uint8Array([...new TextEncoder().encode("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>J"), 0xe9, ...new TextEncoder().encode("R</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>")]))], "encoding");
  });
});
