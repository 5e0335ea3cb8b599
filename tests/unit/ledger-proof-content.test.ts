// The canonical form a ledger row takes in its audit event, and how a difference is named.
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { maskSensitive, normalise } from "@/lib/audit/chain";
import { LEDGER_PROOF_FIELDS, ledgerProofContent, ledgerProofDifferences } from "@/lib/ledger/proof-content";

const row = {
  id: 42n,
  grantId: "0190a000-0000-7000-8000-000000000001",
  trancheId: null,
  kind: "REVERSAL",
  amount: new Prisma.Decimal("-30000"),
  currency: "CZK",
  eurAmount: new Prisma.Decimal("-1224.5"),
  eurRate: new Prisma.Decimal("24.5"),
  valueDate: new Date("2026-07-20T00:00:00.000Z"),
  reversesId: 41n,
  bankReference: null,
  paidCurrency: "EUR",
  paidAmount: new Prisma.Decimal("1224.49"),
  paidFxRate: new Prisma.Decimal("24.50020008"),
  noteCode: null,
  note: "Returned by the bank",
  createdById: "0190a000-0000-7000-8000-000000000002",
  createdAt: new Date("2026-07-20T10:11:12.345Z"),
};

describe("ledger proof content", () => {
  it("is strings at each column's scale, a date as YYYY-MM-DD, nulls kept, and survives the audit writer's normalising unchanged", () => {
    const c = ledgerProofContent(row);
    expect(c).toEqual({
      id: "42", grantId: row.grantId, trancheId: null, kind: "REVERSAL", amount: "-30000.00", currency: "CZK", eurAmount: "-1224.50", eurRate: "24.50000000",
      valueDate: "2026-07-20", reversesId: "41", bankReference: null, paidCurrency: "EUR", paidAmount: "1224.49", paidFxRate: "24.50020008",
      noteCode: null, note: "Returned by the bank", createdById: row.createdById, createdAt: "2026-07-20T10:11:12.345Z",
    });
    expect(Object.keys(c)).toEqual([...LEDGER_PROOF_FIELDS]);
    // What writeAudit stores (masked, normalised, through JSON) compares equal to it.
    expect(JSON.parse(JSON.stringify(normalise(maskSensitive({ ledgerEntry: c }))))).toEqual({ ledgerEntry: c });
  });

  it("names each differing, missing or extra field", () => {
    const c = ledgerProofContent(row);
    expect(ledgerProofDifferences(c, { ...c })).toEqual([]);
    expect(ledgerProofDifferences(c, { ...c, amount: "-29000.00", note: null })).toEqual(["amount", "note"]);
    const { valueDate: _dropped, ...withoutDate } = c;
    expect(ledgerProofDifferences(c, { ...withoutDate, iban: "x" })).toEqual(["valueDate", "iban"]);
    expect(ledgerProofDifferences(c, "not an object")).toEqual([...LEDGER_PROOF_FIELDS]);
  });
});
