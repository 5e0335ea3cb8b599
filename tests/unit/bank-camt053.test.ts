// Statements: every real camt.053 sample parses to the figures in the file; a broken, cut,
// or foreign file is refused whole with its code; chunk boundaries do not matter.
import { describe, expect, it } from "vitest";
import { parseStatement, statementEntryKey, type TStatementMessage } from "@/lib/bank/camt053";
import { sumAmounts } from "@/lib/bank/amount";
import { StatementFileError, type StatementFileCode } from "@/lib/bank/codes";
import { Decimal } from "@/lib/money";
import { isoSample } from "@/tests/support/iso20022";

const sample = (name: string) => isoSample("camt053", name);
const text = (name: string) => sample(name).toString("utf8");

async function refusal(source: string | Uint8Array): Promise<StatementFileCode> {
  try {
    await parseStatement(source);
  } catch (e) {
    if (e instanceof StatementFileError) return e.code;
    throw e;
  }
  throw new Error("parsed, expected a refusal");
}

function* chunks(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("real camt.053 samples", () => {
  it("camt.053.001.02 FFFS (Finland): 10 entries, balances and the bank's own totals", async () => {
    const m = await parseStatement(sample("camt.053.001.02_FFFS-Finland-sample.xml"));
    expect(m).toMatchObject({ format: "camt.053.001.02", messageId: "BANKFILEID00001", createdAt: "2009-10-30T03:30:47+02:00" });
    expect(m.statements).toHaveLength(1);
    const s = m.statements[0]!;
    expect(s).toMatchObject({ id: "BANKSTMTID0972009", electronicSequence: "120", account: { iban: "FI7433010001222090", currency: "EUR" }, currency: "EUR" });
    expect(s.balances.map((b) => `${b.type} ${b.amount} ${b.creditDebit} ${b.date}`)).toEqual([
      "OPBD 10000.00 CRDT 2009-10-29",
      "PRCD 10000.00 CRDT 2009-10-28",
      "CLBD 23644.83 CRDT 2009-10-29",
      "CLAV 33644.83 CRDT 2009-10-29",
    ]);
    expect(s.opening?.amount).toBe("10000.00");
    expect(s.closing?.amount).toBe("23644.83");
    expect(s.entries).toHaveLength(10);
    const credits = s.entries.filter((e) => e.creditDebit === "CRDT");
    const debits = s.entries.filter((e) => e.creditDebit === "DBIT");
    expect([credits.length, sumAmounts(credits.map((e) => e.amount)).toFixed(2)]).toEqual([6, "23075.00"]);
    expect([debits.length, sumAmounts(debits.map((e) => e.amount)).toFixed(2)]).toEqual([4, "9430.17"]);
    // Opening + credits − debits = closing, exactly.
    expect(new Decimal(s.opening!.amount).plus(sumAmounts(credits.map((e) => e.amount))).minus(sumAmounts(debits.map((e) => e.amount))).toFixed(2)).toBe("23644.83");
    expect(s.entries.every((e) => e.booked && e.status === "BOOK" && e.bookingDate === "2009-10-29" && !e.reversal)).toBe(true);
    const batch = s.entries[2]!;
    expect(batch).toMatchObject({ amount: "4230.05", creditDebit: "DBIT", accountServicerRef: "091029ACCTSTMTARCH03", bankTransactionCode: "PMNT/ICDT/DMCT" });
    expect(batch.transactions.map((t) => [t.instructionId, t.accountServicerRef, t.amount?.amount])).toEqual([
      ["TITOT1106ID01", "091029ARCH03001", "2000.02"],
      ["TITOT1106ID02", "091029ARCH03002", "1000.01"],
      ["TITOT1106ID03", "091029ARCH03003", "1230.02"],
    ]);
    expect(s.entries.flatMap((e) => e.transactions).filter((t) => t.endToEndId).map((t) => t.endToEndId)).toEqual(["EndToEndIdSCT01"]);
    const fx = s.entries.find((e) => e.accountServicerRef === "091029ACCTSTMTARCH06")!;
    expect(fx).toMatchObject({ amount: "2120.00", valueDate: "2009-10-30", bankTransactionCode: "PMNT/RCDT/XBCT" });
    expect(fx.transactions[0]).toMatchObject({ instructionId: "ISSRBKREF12345678", debtorName: "DEBTOR NAME", remittance: "INVOICE US20291092" });
  });

  it("camt.053.001.02 Lithuanian bank: 4 debits that take the balance to zero", async () => {
    const s = (await parseStatement(sample("camt.053.001.02_LT-bank-statement_1.xml"))).statements[0]!;
    expect(s).toMatchObject({ id: "201509302599406883", account: { iban: "LT007180000000000000" }, currency: "EUR" });
    expect(s.entries.map((e) => [e.amount, e.creditDebit, e.bookingDate])).toEqual([
      ["1.64", "DBIT", "2015-05-11"],
      ["2734.58", "DBIT", "2015-05-20"],
      ["30.16", "DBIT", "2015-05-20"],
      ["1.7", "DBIT", "2015-05-20"],
    ]);
    // Only available balances here (no OPBD/CLBD): they are kept, opening/closing stay empty.
    expect([s.opening, s.closing]).toEqual([undefined, undefined]);
    const [opav, clav] = s.balances;
    expect(new Decimal(opav!.amount).minus(sumAmounts(s.entries.map((e) => e.amount))).equals(clav!.amount)).toBe(true);
    expect(s.entries[2]!.transactions[0]).toMatchObject({
      endToEndId: "NOTPROVIDED",
      instructionId: "224881",
      transactionId: "516079331",
      creditorName: "Antstolis Vardenis Pavardenis",
      creditorAccount: "LT007044000000000000",
      remittance: "Dalinis nurašymas pagal inkasinį pavedimą",
    });
    expect(s.entries[0]!.transactions[0]!.creditorName).toBe('UAB "TESTAVIMAS"');
  });

  it("camt.053.001.02 genkgo: one credit, proprietary transaction code, four balances in four currencies", async () => {
    const s = (await parseStatement(sample("camt.053.001.02_genkgo-minimal.xml"))).statements[0]!;
    expect(s.entries).toHaveLength(1);
    expect(s.entries[0]).toMatchObject({ amount: "8.85", currency: "EUR", creditDebit: "CRDT", reversal: false, bankTransactionCode: "544", valueDate: "2015-01-02" });
    expect(s.balances.map((b) => `${b.type} ${b.amount} ${b.currency}`)).toEqual(["OPBD 18.15 EUR", "CLBD 27.00 SEK", "OPAV 35.00 CHF", "CLAV 2700 JPY"]);
  });

  it("camt.053.001.04 PostFinance: 5 entries, entry references, CHF", async () => {
    const s = (await parseStatement(sample("camt.053.001.04_PostFinance-sample.xml"))).statements[0]!;
    expect(s).toMatchObject({ account: { iban: "CH2909000000250094239" }, currency: "CHF" });
    expect(s.entries.map((e) => `${e.creditDebit} ${e.amount}`)).toEqual(["CRDT 4.50", "DBIT 77.70", "CRDT 1500.00", "CRDT 1537.00", "CRDT 1692.22"]);
    expect(s.entries.map((e) => e.entryRef)).toEqual(["41100000000872849", undefined, undefined, "014295803", "CH7730000001250094239"]);
    expect(s.entries[1]!.accountServicerRef).toBe("0758103031480977");
    const { opening, closing } = s;
    const net = s.entries.reduce((sum, e) => (e.creditDebit === "CRDT" ? sum.plus(e.amount) : sum.minus(e.amount)), new Decimal(opening!.amount));
    // The sample's entries add up to its forward available balance; its CLBD leaves out the
    // 1537.00 credit that is value-dated the next day. Reconciliation must not assume OPBD + entries = CLBD.
    expect(net.toFixed(2)).toBe(s.balances.find((b) => b.type === "FWAV")!.amount);
    expect(net.minus(closing!.amount).toFixed(2)).toBe("1537.00");
    expect(s.entries.find((e) => e.amount === "1537.00")!.valueDate).toBe("2020-11-25");
  });

  it("entry keys are stable across imports and distinct where the bank's reference repeats", async () => {
    const keys = async () => {
      const s = (await parseStatement(sample("camt.053.001.04_PostFinance-sample.xml"))).statements[0]!;
      return s.entries.map((e) => statementEntryKey(s, e));
    };
    const first = await keys();
    expect(await keys()).toEqual(first);
    expect(new Set(first).size).toBe(5);
    const s = (await parseStatement(sample("camt.053.001.04_PostFinance-sample.xml"))).statements[0]!;
    // Entries 4 and 5 share AcctSvcrRef 07582000303KBMSU.
    expect(s.entries[3]!.accountServicerRef).toBe(s.entries[4]!.accountServicerRef);
  });

  it("camt.053.001.07 inside an envelope with a head.001 application header: no entries", async () => {
    const m = await parseStatement(sample("camt.053.001.07_prowide-with-AppHdr.xml"));
    expect(m).toMatchObject({ format: "camt.053.001.07", messageId: "SDFSDF" });
    expect(m.statements[0]).toMatchObject({ id: "SDFSDF", account: { other: "2345234534", currency: "USD" }, entries: [] });
    expect(m.statements[0]!.balances.map((b) => b.type)).toEqual(["OPAV", "ITBD"]);
  });

  it("camt.053.001.08 genkgo: status as <Cd>, booking date-time, account by other id, names under <Pty>", async () => {
    const s = (await parseStatement(sample("camt.053.001.08_genkgo.xml"))).statements[0]!;
    expect(s.account).toEqual({ iban: undefined, other: "NL26VAYB8060476890", currency: undefined });
    expect(s.entries[0]).toMatchObject({ status: "BOOK", booked: true, bookingDate: "2014-12-31", accountServicerRef: "AAAASESS-FP-CN_98765/01", bankTransactionCode: "PMNT/RCDT/BOOK" });
    expect(s.entries[0]!.transactions[0]).toMatchObject({ endToEndId: "MUELL/FINP/RA12345", creditorName: "Company Name", debtorName: "NAME NAME", debtorAccount: "NL56AGDH9619008421" });
  });

  it("gives the same result whatever the chunk boundaries (even inside a UTF-8 character)", async () => {
    const bytes = sample("camt.053.001.02_LT-bank-statement_1.xml");
    const whole = await parseStatement(bytes);
    const split: TStatementMessage = await parseStatement(chunks(bytes, 7));
    expect(split).toEqual(whole);
  });

  it("reads camt.054 notifications too", async () => {
    const xml = text("camt.053.001.08_genkgo.xml").replace("camt.053.001.08", "camt.054.001.08").replaceAll("BkToCstmrStmt>", "BkToCstmrDbtCdtNtfctn>").replaceAll("<Stmt>", "<Ntfctn>").replaceAll("</Stmt>", "</Ntfctn>");
    const m = await parseStatement(xml);
    expect(m.format).toBe("camt.054.001.08");
    expect(m.statements[0]!.entries[0]!.amount).toBe("8.85");
  });
});

describe("refused whole", () => {
  const fffs = text("camt.053.001.02_FFFS-Finland-sample.xml");

  it("a cut file", async () => {
    expect(await refusal(fffs.slice(0, Math.floor(fffs.length / 2)))).toBe("truncated");
    expect(await refusal(fffs.slice(0, fffs.lastIndexOf("</Document>")))).toBe("truncated");
  });

  it("a file that is not well-formed", async () => {
    expect(await refusal(fffs.replace("<Sts>BOOK</Sts>", "<Sts>BOOK</Stz>"))).toBe("malformed");
    expect(await refusal(fffs.replace("<Ntry>", "<Ntry><&>"))).toBe("malformed");
    expect(await refusal(fffs + "<Document/>")).toBe("malformed");
  });

  it("another format", async () => {
    expect(await refusal(isoSample("pain001", "pain.001.001.09_php-sepa-xml-fixture.xml"))).toBe("wrongFormat");
    expect(await refusal('{"statement": 1}')).toBe("wrongFormat");
    expect(await refusal("<html><body>Statement</body></html>")).toBe("wrongFormat");
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toBe("wrongFormat");
    expect(await refusal(fffs.replace("<BkToCstmrStmt>", "<BkToCstmrAcctRpt>").replace("</BkToCstmrStmt>", "</BkToCstmrAcctRpt>"))).toBe("wrongFormat");
  });

  it("an unsupported version", async () => {
    expect(await refusal(fffs.replace('xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', 'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.01"'))).toBe("unsupportedVersion");
  });

  it("an empty file, or one without statements", async () => {
    expect(await refusal("")).toBe("empty");
    expect(await refusal(new Uint8Array())).toBe("empty");
    expect(await refusal(fffs.replace(/<Stmt>[\s\S]*<\/Stmt>/, ""))).toBe("empty");
  });

  it("bytes that are not UTF-8", async () => {
    const latin1 = Buffer.from(text("camt.053.001.02_LT-bank-statement_1.xml").replace("Šiauliai", "Siauliai"), "utf8");
    const at = latin1.indexOf("Tilž");
    const bad = Buffer.concat([latin1.subarray(0, at + 3), Buffer.from([0x9e]), latin1.subarray(at + 5)]);
    expect(await refusal(bad)).toBe("encoding");
  });

  it("entries the bank's own totals disagree with (a lost entry)", async () => {
    const lost = fffs.replace(/<Ntry>[\s\S]*?<\/Ntry>/, "");
    expect(await refusal(lost)).toBe("countMismatch");
    expect(await refusal(fffs.replace("<Sum>9430.17</Sum>", "<Sum>9430.18</Sum>"))).toBe("countMismatch");
  });

  it("a DTD's entities are never expanded (no external files, no entity bombs)", async () => {
    const xxe = fffs.replace("<Document ", '<!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Document ').replace("BANKFILEID00001", "&x;");
    expect(await refusal(xxe)).toBe("malformed");
  });

  it("an entry too large to be one", async () => {
    expect(await refusal(fffs.replace("<AcctSvcrRef>091029ACCTSTMTARCH01</AcctSvcrRef>", `<AcctSvcrRef>${"x".repeat(5 * 1024 * 1024)}</AcctSvcrRef>`))).toBe("tooLarge");
  });

  it("an amount, date or indicator that cannot be read", async () => {
    expect(await refusal(fffs.replace('<Amt Ccy="EUR">1000.12</Amt>', '<Amt Ccy="EUR">1000,12</Amt>'))).toBe("amount");
    expect(await refusal(fffs.replace('<Amt Ccy="EUR">1000.12</Amt>', "<Amt>1000.12</Amt>"))).toBe("amount");
    expect(await refusal(fffs.replace("<Dt>2009-10-29</Dt>\n\t\t\t\t</BookgDt>", "<Dt>2009-02-30</Dt>\n\t\t\t\t</BookgDt>"))).toBe("date");
    expect(await refusal(fffs.replace("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DEBIT</CdtDbtInd>"))).toBe("malformed");
    expect(await refusal(fffs.replace("<Sts>BOOK</Sts>", ""))).toBe("missingField");
    expect(await refusal(fffs.replace("<Id>BANKSTMTID0972009</Id>", ""))).toBe("missingField");
  });
});
