// The shared pieces every parser relies on: dates, scripts, countries, languages, identifiers.
import { describe, expect, it } from "vitest";
import { toIso2 } from "@/lib/sanctions/parse/countries";
import { EntryDraft } from "@/lib/sanctions/parse/entry";
import { parseDmy, parseIsoDate, parseTextDate, toIsoDay } from "@/lib/sanctions/parse/dates";
import { identifierFromRemark } from "@/lib/sanctions/parse/identifiers";
import { splitRemarks } from "@/lib/sanctions/parse/ofac-remarks";
import { collapse, detectScript, normLang } from "@/lib/sanctions/parse/text";

describe("dates", () => {
  it("reads exact, month-year, year-only, circa and ranges", () => {
    expect(parseTextDate("14 Jun 1975")).toEqual({ date: "1975-06-14", year: 1975, month: 6, circa: false });
    expect(parseTextDate("Sept 1975")).toEqual({ year: 1975, month: 9, circa: false });
    expect(parseTextDate("1975")).toEqual({ year: 1975, circa: false });
    expect(parseTextDate("circa 1960")).toEqual({ year: 1960, circa: true });
    expect(parseTextDate("approximately 01 Jan 1960")).toEqual({ date: "1960-01-01", year: 1960, month: 1, circa: true });
    expect(parseTextDate("1960 to 1962")).toEqual({ year: 1960, yearTo: 1962, circa: false });
    expect(parseTextDate("circa 1960 to 1962")).toEqual({ year: 1960, yearTo: 1962, circa: true });
    expect(parseTextDate("between 1958 and 1960")).toEqual({ year: 1958, yearTo: 1960, circa: false });
    expect(parseDmy("00/00/1955")).toEqual({ year: 1955, circa: false });
    expect(parseDmy("00/03/1955")).toEqual({ year: 1955, month: 3, circa: false });
    expect(parseDmy("dd/mm/1945")).toEqual({ year: 1945, circa: false });
    expect(parseDmy("12.04.1975")).toEqual({ date: "1975-04-12", year: 1975, month: 4, circa: false });
    expect(parseIsoDate("1971-00-00")).toEqual({ year: 1971, circa: false });
    expect(toIsoDay("10/29/2020", true)).toBe("2020-10-29");
    expect(toIsoDay("23/03/2016")).toBe("2016-03-23");
  });

  it("refuses impossible dates instead of guessing", () => {
    for (const s of ["31 Feb 1970", "1962 to 1960", "13/13/1970", "Smarch 1970", "19755", ""]) expect(parseTextDate(s)).toBeNull();
    expect(parseDmy("29/02/1971")).toBeNull();
  });
});

describe("scripts, languages, countries", () => {
  it("detects the dominant script and keeps text as written", () => {
    expect(detectScript("Чайковский Пётр")).toBe("Cyrl");
    expect(detectScript("Tschaikowski")).toBe("Latn");
    expect(detectScript("Μέγα Ισλαµικό Μέτωπο")).toBe("Grek");
    expect(detectScript("صدام حسين")).toBe("Arab");
    expect(detectScript("金正恩")).toBe("Hani");
    expect(detectScript("12-34")).toBe("Zyyy");
    // Latin look-alikes inside a Cyrillic name do not change its script.
    expect(detectScript("Cергей")).toBe("Cyrl");
    expect(collapse("  Abu \n\t Ali\u00a0 ")).toBe("Abu Ali");
  });

  it("maps language fields and country texts to ISO codes", () => {
    expect(["BG", "ru", "rus", "Russian", "Farsi", ""].map(normLang)).toEqual(["bg", "ru", "ru", "ru", "fa", undefined]);
    expect(["Russia", "Russian Federation", "Democratic Republic of the Congo", "Iran (Islamic Republic of)", "Syrian", "Соединенные Штаты Америки", "Германия", "IQ", "00", "Atlantis"].map(toIso2)).toEqual(["RU", "RU", "CD", "IR", "SY", "US", "DE", "IQ", undefined, undefined]);
  });
});

describe("an entry draft", () => {
  it("keeps a name once (strong and primary win), nationalities as codes or the publisher's text", () => {
    const d = new EntryDraft("un", "1", "person");
    d.addName({ full: "Abu  Ali", weak: true });
    d.addName({ full: "Abu Ali", primary: true });
    d.addName({ full: "   " });
    for (const n of ["Iranian citizenship", "na", "Unknown", "former Soviet Union", "Iran"]) d.addNationality(n);
    const e = d.finish("test");
    expect(e.names).toEqual([{ full: "Abu Ali", script: "Latn", primary: true, weak: false }]);
    expect(e.nationalities).toEqual(["IR", "former Soviet Union"]);
  });
});

describe("OFAC remarks", () => {
  it("splits at semicolons outside quoted aliases and reads identifier items", () => {
    expect(splitRemarks("a.k.a. 'D'S SUPERMARKET; LTD'; Linked To: X; DOB 1960.")).toEqual(["a.k.a. 'D'S SUPERMARKET; LTD'", "Linked To: X", "DOB 1960"]);
    expect(identifierFromRemark("alt. Passport 2006801524 (Russia) issued 01 Jan 2010 expires 01 Jan 2020")).toEqual({ type: "passport", value: "2006801524", country: "RU", label: "Passport" });
    expect(identifierFromRemark("SWIFT/BIC BKIDCNBJ")).toEqual({ type: "swift", value: "BKIDCNBJ", label: "SWIFT/BIC" });
    expect(identifierFromRemark("Registration Number 1027700132195 (Russia)")).toEqual({ type: "ogrn", value: "1027700132195", country: "RU", label: "Registration Number" });
    expect(identifierFromRemark("Phone Number 79110354982")).toBeNull();
    expect(identifierFromRemark("Organization Established Date 25 Sep 2018")).toBeNull();
    expect(identifierFromRemark("Aircraft Construction Number (also called L/N or S/N or F/N) 8401")).toMatchObject({ type: "other", value: "8401" });
  });
});
