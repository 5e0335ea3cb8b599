// Writes what reconciliation decided, set-based so a statement of 10,000 payments is a few
// statements, not 50,000: the lines; a disbursement per booked line (keyed "bank:<line id>",
// which the ledger guard checks against the line) and its tranche paid; a reversal per return
// of a booked payment, its tranche reopened and its batch item closed; the links from lines to
// their ledger entries; one audit event per ledger entry (with the row's proof content) and
// per return; a content-free notice to each grantee's members.
import "server-only";
import type { Actor } from "../auth/actor";
import { writeAuditMany } from "../audit/write-many";
import type { AuditInput } from "../audit/write";
import type { Tx } from "../db";
import { ledgerProofContent } from "../ledger/proof-content";
import { notifyGrantMembers } from "../notifications/notify";
import { rateForValueDate, toEur, type FxRateUsed } from "../ledger/fx";
import { toDate } from "../validation";
import { batchItemsById } from "./batch-items";
import type { TDecision } from "./reconcile-classify";
import { insertLedgerEntries, insertLines, type TLedgerRow } from "./reconcile-insert";

export type TWriteSummary = { booked: number; returned: number; unmatched: number; repeated: number; ignored: number };

const today = () => new Date().toISOString().slice(0, 10);
const dayOf = (d: TDecision) => d.line.valueDate ?? d.line.bookingDate ?? today();

/** FX per (currency, day), read once each. */
function rates(tx: Tx) {
  const cache = new Map<string, Promise<FxRateUsed>>();
  return (currency: string, day: string) => {
    const k = `${currency}|${day}`;
    if (!cache.has(k)) cache.set(k, rateForValueDate(tx, currency, toDate(day)));
    return cache.get(k)!;
  };
}

export async function writeDecisions(
  tx: Tx,
  actor: Actor,
  statement: { statementId: string | null; funderId: string; debtorAccountId: string; format: string },
  decisions: TDecision[],
  opts: { newLines?: boolean } = {},
): Promise<TWriteSummary> {
  const count = (o: TDecision["outcome"]) => decisions.filter((d) => d.outcome === o).length;
  const summary = { booked: count("BOOKED"), returned: count("RETURNED"), unmatched: count("UNMATCHED"), repeated: count("REPEATED"), ignored: count("IGNORED") };
  if (opts.newLines !== false && decisions.length > 0) {
    await insertLines(tx, { ...statement, statementId: statement.statementId! }, decisions);
  }
  const booked = decisions.filter((d) => d.outcome === "BOOKED");
  const returned = decisions.filter((d) => d.outcome === "RETURNED");
  const items = await batchItemsById(tx, [...new Set([...booked, ...returned].map((d) => d.itemId!))]);
  const rate = rates(tx);
  const role = { userId: actor.userId, role: "FINANCE" };
  const audits: AuditInput[] = [];
  const links: { lineId: string; entryId: bigint }[] = [];

  // Booked: the tranches paid, then a disbursement each.
  const bookedRows: TLedgerRow[] = [];
  for (const d of booked) {
    const item = items.get(d.itemId!)!;
    const fx = await rate(item.currency, dayOf(d));
    bookedRows.push({
      grantId: item.grantId, trancheId: item.trancheId, kind: "DISBURSEMENT" as const, amount: item.amount.toFixed(2), currency: item.currency,
      eurAmount: toEur(item.amount, fx.perEur).toFixed(2), eurRate: fx.perEur.toString(), valueDate: dayOf(d), idempotencyKey: `bank:${d.line.id}`,
      bankReference: d.line.bankReference ?? null, createdById: actor.userId,
    });
  }
  // The tranche first: the ledger guard wants it marked paid by the writer of the entry.
  if (booked.length) {
    await tx.$executeRaw`UPDATE "Tranche" SET status = 'PAID', "paidById" = ${actor.userId}::uuid, "paidAt" = now(), version = version + 1
      WHERE id = ANY(${booked.map((d) => items.get(d.itemId!)!.trancheId)}::uuid[])`;
  }
  const disbursements = await insertLedgerEntries(tx, bookedRows);
  const entryOfLine = new Map(disbursements.map((e) => [e.idempotencyKey!.slice(5), e]));
  for (const d of booked) {
    const e = entryOfLine.get(d.line.id)!;
    const item = items.get(d.itemId!)!;
    links.push({ lineId: d.line.id, entryId: e.id });
    audits.push({
      action: "payment.recorded", entityType: "LedgerEntry", entityId: e.id.toString(), funderId: item.funderId, organisationId: item.organisationId,
      after: { trancheId: item.trancheId, amount: e.amount, currency: e.currency, eurAmount: e.eurAmount, valueDate: dayOf(d), endToEndId: item.endToEndId, statementLineId: d.line.id, ledgerEntry: ledgerProofContent(e) },
    });
  }

  // Returned: the booked payment (now or earlier) reversed; the tranche reopened; the item closed.
  const originals = returned.filter((d) => d.reverses).map((d) => d.reverses!.ledgerEntryId ?? entryOfLine.get(d.reverses!.lineId)?.id ?? null);
  const originalRows = new Map((await tx.ledgerEntry.findMany({ where: { id: { in: originals.filter((x): x is bigint => x !== null) } } })).map((e) => [e.id, e]));
  const reversalRows: TLedgerRow[] = [];
  for (const d of returned) {
    const originalId = d.reverses ? (d.reverses.ledgerEntryId ?? entryOfLine.get(d.reverses.lineId)?.id) : undefined;
    const original = originalId !== undefined ? originalRows.get(originalId) : undefined;
    if (!original) continue;
    reversalRows.push({
      grantId: original.grantId, trancheId: original.trancheId, kind: "REVERSAL" as const, amount: original.amount.negated().toFixed(2), currency: original.currency,
      eurAmount: original.eurAmount.negated().toFixed(2), eurRate: original.eurRate.toString(), valueDate: dayOf(d), reversesId: original.id.toString(),
      idempotencyKey: `bank:${d.line.id}`, bankReference: d.line.bankReference ?? null, noteCode: "BANK_RETURN" as const, note: d.line.returnReason ?? null, createdById: actor.userId,
    });
  }
  const reversals = await insertLedgerEntries(tx, reversalRows);
  const reversalOfLine = new Map(reversals.map((e) => [e.idempotencyKey!.slice(5), e]));
  if (returned.length) {
    const tranches = returned.map((d) => items.get(d.itemId!)!.trancheId);
    await tx.$executeRaw`UPDATE "PaymentBatchItem" SET open = false WHERE id = ANY(${returned.map((d) => d.itemId!)}::uuid[]) AND open`;
    await tx.$executeRaw`UPDATE "Tranche" SET status = 'APPROVED', "paidById" = NULL, "paidAt" = NULL, version = version + 1
      WHERE id = ANY(${tranches}::uuid[]) AND status = 'PAID'`;
  }
  for (const d of returned) {
    const item = items.get(d.itemId!)!;
    const e = reversalOfLine.get(d.line.id);
    audits.push({
      action: "payment.returned", entityType: "Tranche", entityId: item.trancheId, funderId: item.funderId, organisationId: item.organisationId,
      after: { endToEndId: item.endToEndId, amount: item.amount, currency: item.currency, reason: d.line.returnReason ?? null, statementLineId: d.line.id, reversed: !!e },
    });
    if (!e) continue;
    links.push({ lineId: d.line.id, entryId: e.id });
    audits.push({
      action: "payment.reversed", entityType: "LedgerEntry", entityId: e.id.toString(), funderId: item.funderId, organisationId: item.organisationId,
      before: { ledgerEntryId: e.reversesId!.toString(), amount: e.amount.negated() },
      after: { amount: e.amount, reason: d.line.returnReason ?? null, statementLineId: d.line.id, ledgerEntry: ledgerProofContent(e) },
    });
  }
  if (links.length) {
    await tx.$executeRaw`UPDATE "BankStatementLine" l SET "ledgerEntryId" = v.entry
      FROM unnest(${links.map((l) => l.lineId)}::uuid[], ${links.map((l) => l.entryId.toString())}::bigint[]) AS v(line, entry) WHERE l.id = v.line`;
  }
  if (statement.statementId) {
    audits.unshift({
      action: "bankStatement.imported", entityType: "BankStatement", entityId: statement.statementId, funderId: statement.funderId,
      after: { format: statement.format, lines: decisions.length, ...summary },
    });
  }
  await writeAuditMany(tx, role, audits);
  await notifyGrantMembers(tx, booked.map((d) => items.get(d.itemId!)!.grantId), "PAYMENT_RECORDED");
  await notifyGrantMembers(tx, returned.map((d) => items.get(d.itemId!)!.grantId), "PAYMENT_RETURNED");
  return summary;
}
