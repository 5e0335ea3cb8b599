// A grant of two approved tranches paid from the funder's account in one released batch, and
// the statement the bank would send back for it (tests/support/camt053-from-batch.ts).
import type { TCreditTransferBatch } from "@/lib/bank/pain001";
import { ZSepaAccount } from "@/lib/bank/account";
import { prepareBatch, releaseBatch } from "@/lib/bank/batches";
import { addFunderBankAccount } from "@/lib/bank/funder-accounts";
import { db } from "@/lib/db";
import { approvePayment, requestPayment } from "@/lib/ledger/payments";
import { camt053FromBatch, type TCamtVersion } from "@/tests/support/camt053-from-batch";
import { makeStaff } from ".";
import { grantWorld } from "./grant-world";

const DEBTOR_IBAN = "CZ6508000000192000145399";

export async function statementWorld(tranches = ["30000.00", "20000.00"]) {
  const w = await grantWorld({ tranches, amount: tranches.reduce((s, t) => s + Number(t), 0).toFixed(2) });
  const admin = await makeStaff(w.funder.id, "FUNDER_ADMIN");
  const debtorAccountId = await addFunderBankAccount(admin, {
    funderId: w.funder.id, currency: "EUR",
    account: ZSepaAccount.parse({ kind: "sepa", iban: DEBTOR_IBAN, bic: "GIBACZPX", holderName: "Ministry of Foreign Affairs" }),
  });
  for (const t of w.tranches) {
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
  }
  const { batchId, reference } = await prepareBatch(w.finance, { funderId: w.funder.id, debtorAccountId, kind: "SEPA", requestedExecutionDate: "2027-01-11", trancheIds: w.tranches.map((t) => t.id) });
  await releaseBatch(w.approver, batchId);
  const items = await db.paymentBatchItem.findMany({ where: { batchId }, orderBy: { endToEndId: "asc" } });
  // The batch as the bank received it: what its statement refers back to.
  const sent: TCreditTransferBatch = {
    messageId: reference, createdAt: new Date("2027-01-10T09:00:00Z"), requestedExecutionDate: "2027-01-11",
    debtor: { name: "Ministry of Foreign Affairs", iban: DEBTOR_IBAN },
    payments: items.map((i) => ({ endToEndId: i.endToEndId, amount: i.amount.toFixed(2), currency: i.currency, creditor: { name: "Payee", iban: "DE89370400440532013000" } })),
  };
  const statement = (o: { id?: string; version?: TCamtVersion; returns?: { endToEndId: string; reason: string }[]; skip?: string[]; batch?: TCreditTransferBatch } = {}) =>
    new TextEncoder().encode(camt053FromBatch(o.batch ?? sent, { version: o.version ?? "camt.053.001.08", statementId: o.id ?? "STMT-1", bookingDate: "2027-01-12", opening: "100000.00", returns: o.returns, skip: o.skip }));
  return { ...w, debtorAccountId, batchId, items, sent, statement };
}

