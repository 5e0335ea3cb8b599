import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, garbage, parseAll, sample, sampleBytes } from "./sanctions-parse-helpers";

const X2018 = "ofac_sdn/DarkSide666_OFAC_php_comment_extract_2018-12-19_SDN.xml";
const X2020 = "ofac_sdn/Bik-KrlvnOrg_sdn_excerpt_2020-10-29.xml";

describe("OFAC SDN.XML parser", () => {
  it("reads the 2020 excerpt (namespaced): two entities with strong aliases", async () => {
    const { entries, header } = await parseAll("ofac-sdn", [sample(X2020)]);
    expect(header.publicationDate).toBe("2020-10-29");
    expect(counts(entries)).toEqual({ entries: 2, persons: 0, organisations: 2, names: 4, weak: 0 });
    expect(byId(entries, "173").names.map((n) => n.full)).toEqual(["ANGLO-CARIBBEAN CO., LTD.", "AVIA IMPORT"]);
    expect(byId(entries, "36").programmes).toEqual(["CUBA"]);
  });

  it("reads the 2018 excerpt: a person with passport, national id, date of birth", async () => {
    const { entries, header } = await parseAll("ofac-sdn", [sample(X2018)]);
    expect(header.publicationDate).toBe("2018-12-19");
    expect(counts(entries)).toEqual({ entries: 2, persons: 1, organisations: 1, names: 3, weak: 0 });
    const m = byId(entries, "26235");
    expect(m.names[0]).toMatchObject({ full: "Alexander Aleksandrovich MALKEVICH", firstName: "Alexander Aleksandrovich", lastName: "MALKEVICH", primary: true });
    expect(m.birthDates).toEqual([{ date: "1975-06-14", year: 1975, month: 6, circa: false }]);
    expect(m.identifiers).toEqual([
      { type: "passport", value: "717637093", country: "RU", label: "Passport" },
      { type: "national-id", value: "781005202108", label: "National ID No." },
    ]);
    expect(m.programmes).toEqual(["CYBER2"]);
  });

  it("marks weak aliases and reads circa, year-only and range dates", async () => {
    const xml = sampleBytes(X2018)
      .toString("utf8")
      .replace("<category>strong</category>", "<category>weak</category>")
      .replace("<dateOfBirth>14 Jun 1975</dateOfBirth>", "<dateOfBirth>circa 1975</dateOfBirth></dateOfBirthItem><dateOfBirthItem><dateOfBirth>1960 to 1962</dateOfBirth></dateOfBirthItem><dateOfBirthItem><dateOfBirth>1970</dateOfBirth></dateOfBirthItem><dateOfBirthItem><dateOfBirth>Feb 1971</dateOfBirth>");
    const { entries } = await parseAll("ofac-sdn", [bytes("edited.xml", xml)]);
    expect(byId(entries, "36").names[1]).toMatchObject({ full: "AERO-CARIBBEAN", weak: true });
    expect(byId(entries, "26235").birthDates).toEqual([
      { year: 1975, circa: true },
      { year: 1960, yearTo: 1962, circa: false },
      { year: 1970, circa: false },
      { year: 1971, month: 2, circa: false },
    ]);
  });

  it("reads a vessel's IMO number from its registration id", async () => {
    const xml = '<sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation><Publish_Date>01/02/2024</Publish_Date></publshInformation><sdnEntry><uid>40716</uid><lastName>IRIS MAKRAN</lastName><sdnType>Vessel</sdnType><idList><id><uid>1</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 9486910</idNumber></id><id><uid>2</uid><idType>Email Address</idType><idNumber>x@example.org</idNumber></id></idList><vesselInfo><callSign>EPBF7</callSign></vesselInfo></sdnEntry></sdnList>';
    const { entries, header } = await parseAll("ofac-sdn", [bytes("vessel.xml", xml)]);
    expect(header.publicationDate).toBe("2024-01-02");
    expect(entries[0]).toMatchObject({ kind: "vessel", identifiers: [{ type: "imo", value: "9486910", label: "Vessel Registration Identification" }, { type: "other", value: "EPBF7", label: "Call Sign" }] });
  });

  it("keeps an unreadable date as text instead of dropping it", async () => {
    const xml = sampleBytes(X2018).toString("utf8").replace("14 Jun 1975", "sometime in the seventies");
    const { entries } = await parseAll("ofac-sdn", [bytes("edited.xml", xml)]);
    expect(byId(entries, "26235").birthDates).toEqual([{ circa: false, text: "sometime in the seventies" }]);
  });

  it("refuses truncated, wrong-format, empty and garbage files", async () => {
    const full = sampleBytes(X2018);
    await expectRefused("ofac-sdn", [bytes("cut.xml", full.subarray(0, 1000))], "truncated");
    await expectRefused("ofac-sdn", [bytes("cut.xml", full.subarray(0, full.length - 5))], "truncated");
    await expectRefused("ofac-sdn", [sample("eu_fsf/reke_XMLTest_extract.xml")], "wrong-format");
    await expectRefused("ofac-sdn", [bytes("empty.xml", "")], "empty");
    await expectRefused("ofac-sdn", [bytes("random.bin", garbage())], "wrong-format");
    await expectRefused("ofac-sdn", [bytes("two.xml", "<sdnList><sdnEntry><uid>1</uid><lastName>X</lastName></sdnEntry></sdnList><sdnList/>")], "malformed");
    await expectRefused("ofac-sdn", [sample(X2018), sample(X2020)], "wrong-format");
  });
});
