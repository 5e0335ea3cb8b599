// The portal's own batch, out and back: pain.001 written by lib/bank/pain001.ts, the bank's
// camt.053 for it (tests/support), parsed by lib/bank/camt053.ts. Every payment comes back by
// its end-to-end id with its exact amount; a return carries its reason code; a reversal is flagged.
import { describe, expect, it } from "vitest";
import { parseStatement } from "@/lib/bank/camt053";
import { batchTotals, pain001Xml } from "@/lib/bank/pain001";
import { Decimal } from "@/lib/money";
import { camt053ChunksFromBatch, camt053FromBatch, sampleBatch, type TCamtVersion } from "@/tests/support/camt053-from-batch";
import { SEPA_IBANS, validateAgainst } from "@/tests/support/iso20022";

const VERSIONS: TCamtVersion[] = ["camt.053.001.02", "camt.053.001.08"];

describe.each(VERSIONS)("%s for a portal batch", (version) => {
  const batch = sampleBatch(250, SEPA_IBANS);
  const [returned, reversed, pending] = [batch.payments[7]!, batch.payments[42]!, batch.payments[99]!];
  const options = { version, statementId: "STMT-2026-12-03", bookingDate: "2026-12-03", opening: "5000000.00", returns: [{ endToEndId: returned.endToEndId, reason: "AC04" }], reversals: [reversed.endToEndId], skip: [pending.endToEndId] };

  it("the statement is valid against the official schema (and a broken one is not)", async () => {
    const xml = camt053FromBatch(batch, options);
    const result = await validateAgainst(`${version}.xsd`, xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect((await validateAgainst(`${version}.xsd`, xml.replace(/<CdtDbtInd>DBIT<\/CdtDbtInd>/, "<CdtDbtInd>DEBIT</CdtDbtInd>"))).valid).toBe(false);
  });

  it("every booked debit matches a payment of the file by end-to-end id and exact amount", async () => {
    expect(pain001Xml(batch, { version: "pain.001.001.09" })).toContain(`<EndToEndId>${returned.endToEndId}</EndToEndId>`);
    const m = await parseStatement(camt053ChunksFromBatch(batch, options));
    const s = m.statements[0]!;
    expect(s.account.iban).toBe(batch.debtor.iban);
    const debits = s.entries.filter((e) => e.creditDebit === "DBIT" && e.booked && !e.reversal);
    expect(debits).toHaveLength(249);
    const byId = new Map(batch.payments.map((p) => [p.endToEndId, p]));
    for (const e of debits) {
      const [tx] = e.transactions;
      const p = byId.get(tx!.endToEndId!)!;
      expect(new Decimal(e.amount).equals(p.amount)).toBe(true);
      expect(tx!.creditorAccount).toBe(p.creditor.iban);
      expect(tx!.messageId).toBe(batch.messageId);
    }
    expect(debits.some((e) => e.transactions[0]!.endToEndId === pending.endToEndId)).toBe(false);
    // The batch total less the payment not yet booked.
    const booked = debits.reduce((sum, e) => sum.plus(e.amount), new Decimal(0));
    expect(booked.toFixed(2)).toBe(new Decimal(batchTotals(batch.payments).controlSum).minus(pending.amount).toFixed(2));
  });

  it("a return carries its reason code and a reversal is flagged, both as credits", async () => {
    const s = (await parseStatement(camt053FromBatch(batch, options))).statements[0]!;
    const credits = s.entries.filter((e) => e.creditDebit === "CRDT");
    expect(credits.map((e) => [e.transactions[0]!.endToEndId, e.transactions[0]!.returnReason, e.reversal, e.amount])).toEqual([
      [returned.endToEndId, "AC04", false, new Decimal(returned.amount).toFixed(2)],
      [reversed.endToEndId, undefined, true, new Decimal(reversed.amount).toFixed(2)],
    ]);
    expect(credits[0]!.bankTransactionCode).toBe("PMNT/ICDT/RRTN");
  });
});

describe("statement sources", () => {
  it("reads text chunks as well as bytes, with the same result", async () => {
    const batch = sampleBatch(20, SEPA_IBANS);
    const o = { version: "camt.053.001.08" as const, statementId: "S", bookingDate: "2026-12-03", opening: "100.00" };
    const xml = camt053FromBatch(batch, o);
    const fromBytes = await parseStatement(new TextEncoder().encode(xml));
    const fromText = await parseStatement(xml);
    expect(fromText).toEqual(fromBytes);
    // Opening 100.00 less the batch: the closing balance is a debit, written without a sign.
    expect(fromText.statements[0]!.closing).toMatchObject({ creditDebit: "DBIT", amount: new Decimal(batchTotals(batch.payments).controlSum).minus(100).toFixed(2) });
  });
});
