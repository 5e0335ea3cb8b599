// The bank-upload CSV for payments outside SEPA: exact amounts in the currency's minor units,
// cells that a spreadsheet cannot run as formulas, the whole batch refused on any problem.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { PaymentFileError } from "@/lib/bank/codes";
import { PAYMENTS_CSV_COLUMNS, paymentsCsv, paymentsCsvChunks, type TCsvBatch, type TCsvPayment } from "@/lib/bank/payments-csv";

const payment = (i: number, over: Partial<TCsvPayment> = {}): TCsvPayment => ({
  endToEndId: `MOST-G${i}-T1`,
  amount: "1500.00",
  currency: "USD",
  creditor: { name: "Independent Media Georgia", accountNumber: "GE29NB0000000101904917", bankName: "National Bank of Georgia", bic: "BNLNGE22", bankCountry: "GE" },
  remittance: `Grant G${i} tranche 1`,
  ...over,
});
const batch = (payments: TCsvPayment[]): TCsvBatch => ({ messageId: "MOST-CSV-1", requestedExecutionDate: "2026-12-03", debtorAccount: "DE89370400440532013000", payments });

function codes(b: TCsvBatch): string[] {
  try {
    paymentsCsv(b);
    return [];
  } catch (e) {
    if (e instanceof PaymentFileError) return e.issues.map((i) => `${i.path}:${i.code}`);
    throw e;
  }
}

describe("payments CSV", () => {
  it("writes one row per payment under fixed columns, amounts exact in minor units", () => {
    const csv = paymentsCsv(
      batch([
        payment(1),
        payment(2, { amount: "250000", currency: "JPY", creditor: { name: "Tokyo Press", accountNumber: "1234567", bankName: "MUFG", bic: "BOTKJPJT", bankCountry: "JP" } }),
        payment(3, { amount: "12.5", currency: "KWD", creditor: { name: "Gulf Media", accountNumber: "KW81CBKU0000000000001234560101", bankName: "CBK", bic: "CBKUKWKW", bankCountry: "KW" } }),
      ]),
    );
    expect(csv.split("\r\n")[0]).toBe(PAYMENTS_CSV_COLUMNS.join(","));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.reference, r.amount, r.currency])).toEqual([
      ["MOST-G1-T1", "1500.00", "USD"],
      ["MOST-G2-T1", "250000", "JPY"],
      ["MOST-G3-T1", "12.500", "KWD"],
    ]);
    expect(rows[0]).toMatchObject({ batch_id: "MOST-CSV-1", execution_date: "2026-12-03", beneficiary_account: "GE29NB0000000101904917", beneficiary_bic: "BNLNGE22", beneficiary_bank_country: "GE" });
  });

  it("neutralises a text cell a spreadsheet would run, keeps amounts numeric", () => {
    const csv = paymentsCsv(batch([payment(1, { remittance: "+CMD(calc)", creditor: { ...payment(1).creditor, name: "-Org" } })]), "basic");
    const row = (parse(csv, { columns: true }) as Record<string, string>[])[0]!;
    expect(row.remittance_information).toBe("'+CMD(calc)");
    expect(row.beneficiary_name).toBe("'-Org");
    expect(row.amount).toBe("1500.00");
  });

  it("refuses the batch on any problem, each with its path", () => {
    expect(
      codes(
        batch([
          payment(1, { amount: "10.001" }),
          payment(1, { currency: "usd" }),
          payment(3, { creditor: { name: "=HYPERLINK(x)", accountNumber: "GE29NB0000000101904918", bankName: "", bic: "BNLN", bankCountry: "XX" } }),
        ]),
      ),
    ).toEqual([
      "payments[0].amount:amount",
      "payments[1].endToEndId:duplicateEndToEndId",
      "payments[1].currency:currency",
      "payments[2].creditor.name:charset",
      "payments[2].creditor.bankName:required",
      "payments[2].creditor.accountNumber:account",
      "payments[2].creditor.bic:bic",
      "payments[2].creditor.bankCountry:country",
    ]);
    expect(codes(batch([]))).toEqual(["payments:noPayments"]);
    expect(() => paymentsCsvChunks(batch([payment(1, { amount: "-5" })])).next()).toThrow(PaymentFileError);
  });

  it("streams in chunks of 500 rows", () => {
    const chunks = [...paymentsCsvChunks(batch(Array.from({ length: 1201 }, (_, i) => payment(i))))];
    expect(chunks).toHaveLength(1 + 3);
    expect(chunks.join("").trimEnd().split("\r\n")).toHaveLength(1202);
  });
});
