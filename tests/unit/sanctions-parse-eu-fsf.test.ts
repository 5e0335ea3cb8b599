import { describe, expect, it } from "vitest";
import { byId, bytes, counts, expectRefused, garbage, parseAll, sample, sampleBytes } from "./sanctions-parse-helpers";

const DIR = "eu_fsf/";
const MUGABE_2018 = `${DIR}DarkSide666_ES_php_comment_extract_2018-12-21.xml`;

describe("EU FSF parser", () => {
  it("reads the 2024 extract: one person, three names, exact date, generationDate", async () => {
    const { entries, header } = await parseAll("eu-fsf", [sample(`${DIR}reke_XMLTest_extract.xml`)]);
    expect(counts(entries)).toEqual({ entries: 1, persons: 1, organisations: 0, names: 3, weak: 0 });
    expect(header.publicationDate).toBe("2024-12-11T21:24:35.826+01:00");
    const saddam = byId(entries, "13");
    expect(saddam.names[0]).toMatchObject({ full: "Saddam Hussein Al-Tikriti", firstName: "Saddam", lastName: "Hussein Al-Tikriti", primary: true, script: "Latn" });
    expect(saddam.names.find((n) => n.full === "Abou Ali")?.lang).toBe("fr");
    expect(saddam.birthDates).toEqual([{ date: "1937-04-28", year: 1937, month: 4, circa: false }]);
    expect(saddam.nationalities).toEqual(["IQ"]);
    expect(saddam.programmes).toEqual(["IRQ"]);
    expect(saddam.legalBasis).toEqual(["1210/2003 (OJ L169)"]);
  });

  it("reads the 2018 extract: aliases in 18 languages keep script and language", async () => {
    const { entries } = await parseAll("eu-fsf", [sample(MUGABE_2018)]);
    expect(counts(entries)).toEqual({ entries: 2, persons: 1, organisations: 1, names: 20, weak: 0 });
    const front = byId(entries, "207");
    expect(front.kind).toBe("organisation");
    expect(front.reference).toBe("EU.3523.13");
    expect(front.names.find((n) => n.lang === "bg")).toMatchObject({ full: "Фронт на великите ислямски източни воини", script: "Cyrl" });
    expect(front.names.find((n) => n.lang === "el")?.script).toBe("Grek");
    expect(front.names.find((n) => n.full === "İslami Büyük Doğu Akıncılar Cephesi")?.primary).toBe(true);
    const mugabe = byId(entries, "1");
    expect(mugabe.identifiers).toEqual([{ type: "passport", value: "AD001095", label: "National passport" }]);
    expect(mugabe.nationalities).toEqual([]);
  });

  it("marks strong=false aliases weak and reads circa and year-only dates", async () => {
    const xml = sampleBytes(MUGABE_2018)
      .toString("utf8")
      .replace('wholeName="IBDA-C" function="" title="" nameLanguage="" strong="true"', 'wholeName="IBDA-C" function="" title="" nameLanguage="" strong="false"')
      .replace('circa="false" calendarType="GREGORIAN" city="" zipCode="" birthdate="1924-02-21" dayOfMonth="21" monthOfYear="2" year="1924"', 'circa="true" calendarType="GREGORIAN" city="" zipCode="" year="1924"');
    const { entries } = await parseAll("eu-fsf", [bytes("edited.xml", xml)]);
    expect(byId(entries, "207").names.find((n) => n.full === "IBDA-C")?.weak).toBe(true);
    expect(byId(entries, "1").birthDates).toEqual([{ year: 1924, circa: true }]);
  });

  it("refuses the pre-2019 legacy format as wrong-format", async () => {
    const err = await expectRefused("eu-fsf", [sample(`${DIR}DarkSide666_ES_OLD_php_comment_extract_legacy-format.xml`)], "wrong-format");
    expect(err.detail).toContain("legacy");
  });

  it("refuses the UN list given as EU, a truncated file, an empty file and garbage", async () => {
    await expectRefused("eu-fsf", [sample("un_consolidated/UN_consolidated.xml")], "wrong-format");
    const full = sampleBytes(MUGABE_2018);
    // Every cut before the root's end tag, at any byte (inside a tag, an attribute, a character).
    for (let cut = 1; cut < full.length - 10; cut += 101) await expectRefused("eu-fsf", [bytes("cut.xml", full.subarray(0, cut))], "truncated");
    await expectRefused("eu-fsf", [bytes("empty.xml", "")], "empty");
    await expectRefused("eu-fsf", [bytes("blank.xml", "  \n ")], "empty");
    await expectRefused("eu-fsf", [bytes("random.bin", garbage())], "wrong-format");
    await expectRefused("eu-fsf", [bytes("list.json", '[{"name":"x"}]')], "wrong-format");
    await expectRefused("eu-fsf", [bytes("bad.xml", '<export generationDate="x"><sanctionEntity logicalId="1"></export>')], "malformed");
    await expectRefused("eu-fsf", [bytes("none.xml", '<export generationDate="x"></export>')], "empty");
  });

  it("refuses an entry id given twice (the diff is by id)", async () => {
    const entity = '<sanctionEntity logicalId="9"><subjectType code="person"/><nameAlias wholeName="A B" strong="true"/></sanctionEntity>';
    const err = await expectRefused("eu-fsf", [bytes("twice.xml", `<export>${entity}${entity}</export>`)], "malformed");
    expect(err.detail).toContain("9 appears twice");
  });

  it("refuses an entry without a name rather than dropping it", async () => {
    const xml = '<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="9"><subjectType code="person"/></sanctionEntity></export>';
    await expectRefused("eu-fsf", [bytes("noname.xml", xml)], "malformed");
  });
});
