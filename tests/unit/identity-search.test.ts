// The search that looks for a protected organisation's identity in dumps, files and logs
// must find it however it is written or encoded, and say where.
import { describe, expect, it } from "vitest";
import { cyrillicToLatin, describeHits, latinToCyrillic, searchBytes, variantsOf } from "../support/identity-search";

const needles = [{ label: "legalName", value: "ANO Severny pravozashchitny tsentr" }, { label: "member", value: "Ирина Соколова" }, { label: "reg", value: "1127800001234" }];

describe("identity search", () => {
  it("transliterates Russian both ways as people write it", () => {
    expect(cyrillicToLatin("Ирина Соколова")).toBe("irina sokolova");
    expect(cyrillicToLatin("Щукин Юрий", "icao")).toBe("shchukin iurii");
    expect(latinToCyrillic("Severny pravozashchitny tsentr")).toBe("северный правозащитный центр");
    expect(latinToCyrillic("Volzhsky ekologichesky dozor")).toBe("волжский екологический дозор");
    expect(latinToCyrillic("Tomáš Novák")).toBe("томаш новак");
    expect(variantsOf("Tomáš Novák").map((v) => v.how)).toEqual(["as is", "without diacritics", "Latin→Cyrillic"]);
  });

  it("finds each needle as text in any case, transliterated, as UTF-16, hex or base64, and finds nothing in other text", () => {
    const where = (text: string | Buffer) => searchBytes(text, "x", needles).map((h) => `${h.needle}:${h.variant}:${h.encoding}`);
    expect(where("Contact: ANO Severny Pravozashchitny Tsentr")).toEqual(["legalName:as is, other letter case:utf-8"]);
    expect(where("Контакт: ирина соколова")).toEqual(["member:as is, other letter case:utf-8"]);
    expect(where("signed by Irina Sokolova")).toEqual(["member:Cyrillic→Latin (BGN), other letter case:utf-8"]);
    expect(where("АНО Северный правозащитный центр")).toEqual(["legalName:Latin→Cyrillic, other letter case:utf-8"]);
    expect(where(Buffer.concat([Buffer.from([0x25, 0x50]), Buffer.from("reg 1127800001234", "utf16le")]))).toEqual(["reg:as is:utf-16le"]);
    expect(where(Buffer.concat([Buffer.from([0]), Buffer.from("1127800001234", "utf16le")]))).toEqual(["reg:as is:utf-16le"]);
    expect(where(`{"identity":"\\\\x00ff${Buffer.from("Ирина Соколова").toString("hex")}00"}`)).toEqual(["member:as is:hex of utf-8 in utf-8"]);
    for (const prefix of ["", "a", "ab"]) {
      expect(where(`{"blob":"${Buffer.from(`${prefix}Severny_registration_1127800001234.pdf`).toString("base64")}"}`)).toEqual(["reg:as is:base64 of utf-8"]);
    }
    expect(where("A-2026-000042 Northern 112780000123")).toEqual([]);
  });

  it("prints which needle, which variant and where", () => {
    const hits = searchBytes("Irina Sokolova", "table User, column name", needles);
    expect(describeHits(hits)).toBe('member = "Ирина Соколова" [Cyrillic→Latin (BGN), other letter case, utf-8] in table User, column name: "Irina Sokolova"');
  });
});
