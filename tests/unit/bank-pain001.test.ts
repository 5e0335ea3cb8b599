// pain.001 files: valid against the official ISO 20022 schemas (.001.001.09 and .03), exact
// control sums, and every batch problem refused with its path before any byte is written.
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { PaymentFileError } from "@/lib/bank/codes";
import { checkBatch, pain001Chunks, pain001Xml, PAIN001_VERSIONS, type TCreditTransferBatch } from "@/lib/bank/pain001";
import { sampleBatch } from "@/tests/support/camt053-from-batch";
import { isoSample, SEPA_IBANS, validateAgainst } from "@/tests/support/iso20022";

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1]);

/** Texts of all elements of one name, read back by a real XML parser. */
function readBack(xml: string, name: string): string[] {
  const out: string[] = [];
  const parser = new SaxesParser();
  let inside = false;
  let text = "";
  parser.on("opentag", (t) => {
    inside = t.name === name;
    text = "";
  });
  parser.on("text", (t) => {
    if (inside) text += t;
  });
  parser.on("closetag", (t) => {
    if (t.name === name) out.push(text);
    inside = false;
  });
  parser.write(xml).close();
  return out;
}

function codesOf(batch: TCreditTransferBatch, charset?: "basic" | "unicode") {
  try {
    pain001Xml(batch, { version: "pain.001.001.09", charset });
  } catch (e) {
    if (e instanceof PaymentFileError) return e.issues.map((i) => `${i.path}:${i.code}`);
    throw e;
  }
  return [];
}

const withPayment = (over: Record<string, unknown>, creditor: Record<string, unknown> = {}): TCreditTransferBatch => {
  const b = sampleBatch(2, SEPA_IBANS);
  const p = b.payments[1]!;
  return { ...b, payments: [b.payments[0]!, { ...p, ...over, creditor: { ...p.creditor, ...creditor } }] };
};

describe.each(PAIN001_VERSIONS)("%s", (version) => {
  const xsd = `${version}.xsd`;

  it("validates against the official schema, with exact counts and control sums", async () => {
    const batch = sampleBatch(1000, SEPA_IBANS);
    const xml = pain001Xml(batch, { version });
    const result = await validateAgainst(xsd, xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The same sum in integer cents: no float anywhere.
    const cents = batch.payments.reduce((s, p) => s + BigInt(p.amount.replace(".", "")), 0n);
    const expected = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
    expect(tag(xml, "NbOfTxs")).toEqual(["1000", "1000"]);
    expect(tag(xml, "CtrlSum")).toEqual([expected, expected]);
    expect(readBack(xml, "EndToEndId")).toEqual(batch.payments.map((p) => p.endToEndId));
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(1000);
    expect(xml).toContain(version === "pain.001.001.09" ? "<BICFI>COBADEFFXXX</BICFI>" : "<BIC>COBADEFFXXX</BIC>");
  });

  it("writes an IBAN-only debtor agent as NOTPROVIDED and stays valid", async () => {
    const b = sampleBatch(3, SEPA_IBANS);
    const xml = pain001Xml({ ...b, debtor: { name: b.debtor.name, iban: b.debtor.iban } }, { version });
    expect(xml).toContain("<Id>NOTPROVIDED</Id>");
    expect((await validateAgainst(xsd, xml)).valid).toBe(true);
  });

  it("the validator rejects a broken file (so the check above means something)", async () => {
    const xml = pain001Xml(sampleBatch(3, SEPA_IBANS), { version });
    expect((await validateAgainst(xsd, xml.replace(/<Dbtr>[\s\S]*?<\/Dbtr>/, ""))).valid).toBe(false);
    expect((await validateAgainst(xsd, xml.replace("<CtrlSum>", "<CtrlSum>x"))).valid).toBe(false);
    expect((await validateAgainst(xsd, xml.replace("<IBAN>DE89", "<IBAN>de89"))).valid).toBe(false);
  });
});

describe("real pain.001 samples", () => {
  it("validate against the same schemas (the validator accepts what banks accept)", async () => {
    expect((await validateAgainst("pain.001.001.09.xsd", isoSample("pain001", "pain.001.001.09_php-sepa-xml-fixture.xml").toString("utf8"))).valid).toBe(true);
    for (const name of ["pain.001.001.03_php-sepa-xml-fixture.xml", "pain.001.001.03_sepa_king-example.xml", "pain.001.001.03_ISO-MDR-example_ABC-Corporation.xml"]) {
      expect((await validateAgainst("pain.001.001.03.xsd", isoSample("pain001", name).toString("utf8"))).valid, name).toBe(true);
    }
  });
});

describe("refusals", () => {
  it("lists every problem with its path and writes nothing", () => {
    const b = sampleBatch(3, SEPA_IBANS);
    const bad: TCreditTransferBatch = {
      ...b,
      messageId: "batch 1",
      requestedExecutionDate: "2026-02-30",
      payments: [
        { ...b.payments[0]!, amount: "12.345" },
        { ...b.payments[1]!, endToEndId: b.payments[0]!.endToEndId, currency: "USD" },
        { ...b.payments[2]!, creditor: { name: "x".repeat(71), iban: "DE89370400440532013001", bic: "COBADEF" }, remittance: "line\nbreak" },
      ],
    };
    expect(codesOf(bad)).toEqual([
      "messageId:identifier",
      "requestedExecutionDate:date",
      "payments[0].amount:amount",
      "payments[1].endToEndId:duplicateEndToEndId",
      "payments[1].currency:notEur",
      "payments[2].creditor.name:tooLong",
      "payments[2].creditor.iban:iban",
      "payments[2].creditor.bic:bic",
      "payments[2].remittance:charset",
    ]);
    const gen = pain001Chunks(bad, { version: "pain.001.001.09" });
    expect(() => gen.next()).toThrow(PaymentFileError);
    expect(codesOf({ ...b, payments: [] })).toEqual(["payments:noPayments"]);
  });

  it("refuses amounts that are not plain positive decimals within SEPA's limit", () => {
    for (const amount of ["0", "0.00", "-1.00", "1e3", "1,50", " 1.50", "01.50", "1.001", "1000000000.00", "NaN"]) {
      expect(codesOf(withPayment({ amount })), amount).toEqual(["payments[1].amount:amount"]);
    }
    for (const amount of ["0.01", "999999999.99", "5", "12.5"]) expect(codesOf(withPayment({ amount })), amount).toEqual([]);
    // Written with two decimals, exactly.
    expect(pain001Xml(withPayment({ amount: "12.5" }), { version: "pain.001.001.09" })).toContain('<InstdAmt Ccy="EUR">12.50</InstdAmt>');
  });

  it("refuses identifiers SEPA forbids", () => {
    for (const endToEndId of ["/ABC", "ABC/", "A//B", "A B", "x".repeat(36), "ÄBC", ""]) {
      expect(codesOf(withPayment({ endToEndId })).length, endToEndId).toBe(1);
    }
  });

  it("refuses a creditor outside SEPA", () => {
    expect(codesOf(withPayment({}, { iban: "GE29NB0000000101904917" }))).toEqual(["payments[1].creditor.iban:iban"]);
  });

  it("keeps names to the EPC basic Latin set unless the bank takes Unicode", async () => {
    const name = "Новая газета Европа & <Co>";
    expect(codesOf(withPayment({}, { name }))).toEqual(["payments[1].creditor.name:charset"]);
    expect(codesOf(withPayment({}, { name: "Müller" }))).toEqual(["payments[1].creditor.name:charset"]);
    const xml = pain001Xml(withPayment({}, { name }), { version: "pain.001.001.09", charset: "unicode" });
    expect(readBack(xml, "Nm")).toContain(name);
    expect((await validateAgainst("pain.001.001.09.xsd", xml)).valid).toBe(true);
  });

  it("counts length in characters, not UTF-16 units, and never cuts", () => {
    const seventy = "𝔄".repeat(70); // 70 characters, 140 UTF-16 units
    expect(codesOf(withPayment({}, { name: seventy }), "unicode")).toEqual([]);
    expect(codesOf(withPayment({}, { name: seventy + "a" }), "unicode")).toEqual(["payments[1].creditor.name:tooLong"]);
  });

  it("any name it accepts comes back unchanged from the file (escaping is right)", () => {
    const batch = sampleBatch(1, SEPA_IBANS);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 70 }), (name) => {
        const b = { ...batch, payments: [{ ...batch.payments[0]!, creditor: { ...batch.payments[0]!.creditor, name } }] };
        if (checkBatch(b, { version: "pain.001.001.09", charset: "unicode" }).length) return true;
        return readBack(pain001Xml(b, { version: "pain.001.001.09", charset: "unicode" }), "Nm").at(-1) === name;
      }),
      { numRuns: 500 },
    );
  });

  it("streams: a large batch comes in many chunks", () => {
    const chunks = [...pain001Chunks(sampleBatch(2000, SEPA_IBANS), { version: "pain.001.001.09" })];
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(chunks.join("").match(/<CdtTrfTxInf>/g)).toHaveLength(2000);
  });
});
