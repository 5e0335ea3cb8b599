// Payee accounts: IBAN/BIC checks through ibantools mapped to field codes, whitespace and case
// normalisation only, masking, and the SEPA country list.
import { describe, expect, it } from "vitest";
import { accountNumberProblem, ibanProblem, isSepaCountry, isValidBic, maskAccount, normaliseAccount, ZPayeeAccount } from "@/lib/bank/account";
import { BANK_FIELD_CODES } from "@/lib/bank/codes";
import { SEPA_IBANS } from "@/tests/support/iso20022";

/** Field path → message keys of a failed parse (or the parsed data). */
function issues(input: unknown): Record<string, string[]> {
  const r = ZPayeeAccount.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join(".")] ??= []).push(i.message);
  return out;
}

const sepa = (over: Record<string, unknown> = {}) => ({ kind: "sepa", iban: "DE89370400440532013000", bic: "COBADEFFXXX", holderName: "Freie Presse e.V.", ...over });
const other = (over: Record<string, unknown> = {}) => ({
  kind: "other",
  accountNumber: "40702810900000001234",
  bankName: "TBC Bank",
  bic: "TBCBGE22",
  bankCountry: "GE",
  holderName: "Independent Media Georgia",
  currency: "USD",
  ...over,
});

describe("SEPA accounts", () => {
  it("accepts real IBANs of SEPA countries and normalises them to the electronic form", () => {
    for (const iban of SEPA_IBANS) expect(issues(sepa({ iban, bic: undefined })), iban).toEqual({});
    const parsed = ZPayeeAccount.parse(sepa({ iban: " de89 3704 0044 0532 0130 00 ", bic: "cobadeff xxx", holderName: "  Freie   Presse\te.V. " }));
    expect(parsed).toEqual({ kind: "sepa", iban: "DE89370400440532013000", bic: "COBADEFFXXX", holderName: "Freie Presse e.V." });
  });

  it("names each IBAN problem", () => {
    expect(issues(sepa({ iban: "DE89370400440532013001" }))).toEqual({ iban: ["errors.bank.ibanChecksum"] });
    expect(issues(sepa({ iban: "DE8937040044053201300" }))).toEqual({ iban: ["errors.bank.ibanLength"] });
    expect(issues(sepa({ iban: "DE893704004405320130000" }))).toEqual({ iban: ["errors.bank.ibanLength"] });
    expect(issues(sepa({ iban: "XX89370400440532013000" }))).toEqual({ iban: ["errors.bank.ibanCountry"] });
    expect(issues(sepa({ iban: "DE89-3704-0044-0532-0130-00" }))).toEqual({ iban: ["errors.bank.ibanFormat"] });
    // Belgium's national check digits (last two) are wrong although the IBAN checksum fits.
    expect(ibanProblem("BE68539007547034")).toBeNull();
    expect(ibanProblem("BE41539007547035")).toBe("ibanBankChecksum");
    expect(issues(sepa({ iban: "" }))).toEqual({ iban: ["errors.field.required"] });
  });

  it("refuses an IBAN of a country outside SEPA, even a correct one", () => {
    expect(ibanProblem("GE29NB0000000101904917")).toBeNull();
    expect(issues(sepa({ iban: "GE29NB0000000101904917" }))).toEqual({ iban: ["errors.bank.notSepaCountry"] });
  });

  it("checks the BIC only when given, and never rewrites more than case and spaces", () => {
    expect(issues(sepa({ bic: "" }))).toEqual({});
    expect(issues(sepa({ bic: "COBADEF" }))).toEqual({ bic: ["errors.bank.bicFormat"] });
    expect(issues(sepa({ bic: "COBAXXFF" }))).toEqual({ bic: ["errors.bank.bicFormat"] });
    expect(issues(sepa({ bic: "COBA-DE-FF" }))).toEqual({ bic: ["errors.bank.bicFormat"] });
    expect(isValidBic("DEUTDEFF")).toBe(true);
    expect(isValidBic("DEUTDEFF500")).toBe(true);
    expect(isValidBic("deutdeff")).toBe(false);
  });

  it("needs a holder name with letters, no control characters, at most 70 characters", () => {
    expect(issues(sepa({ holderName: "   " }))).toEqual({ holderName: ["errors.field.required"] });
    expect(issues(sepa({ holderName: "12345" }))).toEqual({ holderName: ["errors.bank.holderName"] });
    expect(issues(sepa({ holderName: "Name\u0000" }))).toEqual({ holderName: ["errors.bank.holderName"] });
    expect(issues(sepa({ holderName: "x".repeat(71) }))).toEqual({ holderName: ["errors.field.tooLong"] });
    expect(issues(sepa({ holderName: "Новая газета Европа" }))).toEqual({});
  });
});

describe("other accounts", () => {
  it("accepts a complete account and normalises codes to upper case", () => {
    const parsed = ZPayeeAccount.parse(other({ accountNumber: "4070 2810 9000 0000 1234", bic: "tbcbge22", bankCountry: "ge", currency: "usd", bankName: " TBC   Bank " }));
    expect(parsed).toEqual({ ...other(), bankName: "TBC Bank" });
  });

  it("names each field's problem", () => {
    expect(issues(other({ currency: "XYZ" }))).toEqual({ currency: ["errors.bank.currency"] });
    expect(issues(other({ bankCountry: "XX" }))).toEqual({ bankCountry: ["errors.bank.bankCountry"] });
    expect(issues(other({ bic: "" }))).toEqual({ bic: ["errors.field.required"] });
    expect(issues(other({ bic: "TBCB GE" }))).toEqual({ bic: ["errors.bank.bicFormat"] });
    expect(issues(other({ accountNumber: "12#34" }))).toEqual({ accountNumber: ["errors.bank.accountNumber"] });
    expect(issues(other({ accountNumber: "1".repeat(35) }))).toEqual({ accountNumber: ["errors.field.tooLong"] });
    expect(issues(other({ bankName: "" }))).toEqual({ bankName: ["errors.field.required"] });
  });

  it("checks an account number shaped like an IBAN of an IBAN country as an IBAN", () => {
    expect(accountNumberProblem("GE29NB0000000101904917")).toBeNull();
    expect(issues(other({ accountNumber: "GE29NB0000000101904918" }))).toEqual({ accountNumber: ["errors.bank.ibanChecksum"] });
    // US account numbers are digits: no IBAN rule applies.
    expect(accountNumberProblem("000123456789")).toBeNull();
  });

  it("refuses an unknown kind", () => {
    expect(issues({ kind: "crypto", wallet: "x" })).toEqual({ kind: ["errors.field.required"] });
  });
});

describe("normaliseAccount, maskAccount, isSepaCountry", () => {
  it("normalises whitespace and case only", () => {
    expect(normaliseAccount({ kind: "sepa", iban: "fr14 2004 1010 0505 0001 3m02 606", bic: " psstfrpp ", holderName: " A  B " })).toEqual({
      kind: "sepa",
      iban: "FR1420041010050500013M02606",
      bic: "PSSTFRPP",
      holderName: "A B",
    });
    // A wrong IBAN stays wrong: normalising does not "fix" digits.
    expect(normaliseAccount({ kind: "sepa", iban: "de89 3704 0044 0532 0130 01", holderName: "A" })).toMatchObject({ iban: "DE89370400440532013001" });
  });

  it("shows the country and the last four characters only", () => {
    expect(maskAccount({ kind: "sepa", iban: "DE89370400440532013000" })).toBe("DE •••• 3000");
    expect(maskAccount({ kind: "sepa", iban: "de89 3704 0044 0532 0130 00" })).toBe("DE •••• 3000");
    expect(maskAccount({ kind: "other", accountNumber: "40702810900000001234", bankCountry: "GE" })).toBe("GE •••• 1234");
    // A short number keeps most of itself hidden.
    expect(maskAccount({ kind: "other", accountNumber: "123456", bankCountry: "US" })).toBe("US •••• 56");
    const masked = maskAccount({ kind: "sepa", iban: "FR1420041010050500013M02606" });
    expect(masked).not.toContain("2004");
  });

  it("knows the SEPA countries", () => {
    for (const c of ["DE", "FR", "LT", "CH", "GB", "NO", "MC", "SM", "de"]) expect(isSepaCountry(c), c).toBe(true);
    for (const c of ["RU", "GE", "UA", "US", "AM", "TR"]) expect(isSepaCountry(c), c).toBe(false);
  });

  it("has a catalogue key for every field code it can return", () => {
    expect(BANK_FIELD_CODES).toEqual(expect.arrayContaining(["ibanChecksum", "ibanBankChecksum", "notSepaCountry", "bicFormat", "holderName", "currency"]));
  });
});
