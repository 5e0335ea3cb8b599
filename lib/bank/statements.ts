// Statements as finance reads them, and finance's decision on an unmatched line: book it to
// the payment offered (the fallback match, confirmed by a person) or dismiss it (a bank fee,
// a payment made outside the portal). Names of payees never show: grant numbers and masked
// accounts only.
import "server-only";
import type { BankLineIssue, BankLineOutcome, Prisma } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { writeDecisions } from "./reconcile-write";
import type { TStatementLine } from "./statement-lines";

const mayRead = (actor: Actor, funderId: string) => canAtFunder(actor, "payments.record", funderId) || canAtFunder(actor, "payments.approve", funderId);

export type StatementSummary = {
  id: string; format: string; statementRef: string; importedAt: Date; lineCount: number; accountIban: string;
  counts: Partial<Record<BankLineOutcome, number>>;
};

export async function listStatements(actor: Actor, funderId: string): Promise<StatementSummary[]> {
  if (!mayRead(actor, funderId)) throw new AppError("notFound");
  const rows = await db.bankStatement.findMany({ where: { funderId }, orderBy: { importedAt: "desc" }, take: STATEMENTS_LISTED, include: { debtorAccount: { select: { iban: true } } } });
  const counts = await db.bankStatementLine.groupBy({ by: ["statementId", "outcome"], where: { statementId: { in: rows.map((r) => r.id) } }, _count: { _all: true } });
  return rows.map((r) => ({
    id: r.id, format: r.format, statementRef: r.statementRef, importedAt: r.importedAt, lineCount: r.lineCount, accountIban: r.debtorAccount.iban,
    counts: Object.fromEntries(counts.filter((c) => c.statementId === r.id).map((c) => [c.outcome, c._count._all])),
  }));
}

export type StatementLineView = {
  id: string; statementId: string; entryIndex: number; txIndex: number; creditDebit: string; amount: string; currency: string;
  bookingDate: string | null; endToEndId: string | null; bankReference: string | null; returnReason: string | null; counterpartyMasked: string | null;
  outcome: BankLineOutcome; issue: BankLineIssue | null;
  payment: { grantId: string; grantNumber: string; sequence: number; batchReference: string } | null;
  suggestion: { itemId: string; grantId: string; grantNumber: string; sequence: number; batchReference: string; executionDate: string } | null;
};

const ITEM = { select: { id: true, grantId: true, tranche: { select: { sequence: true, grant: { select: { number: true } } } }, batch: { select: { reference: true, requestedExecutionDate: true } } } } as const;

/** Lines shown on one page: a statement of 10,000 entries is read page by page, never cut. */
export const LINES_PER_PAGE = 500;
/** Statements listed at once, newest first; the page says how many there are in all. */
export const STATEMENTS_LISTED = 100;

async function lineViews(where: Prisma.BankStatementLineWhereInput, page = 1): Promise<StatementLineView[]> {
  const rows = await db.bankStatementLine.findMany({
    where, orderBy: [{ statementId: "desc" }, { entryIndex: "asc" }, { txIndex: "asc" }],
    skip: (page - 1) * LINES_PER_PAGE, take: LINES_PER_PAGE, include: { batchItem: ITEM, suggestedItem: ITEM },
  });
  return rows.map((l) => ({
    id: l.id, statementId: l.statementId, entryIndex: l.entryIndex, txIndex: l.txIndex, creditDebit: l.creditDebit, amount: l.amount.toFixed(2), currency: l.currency,
    bookingDate: l.bookingDate?.toISOString().slice(0, 10) ?? null, endToEndId: l.endToEndId, bankReference: l.bankReference, returnReason: l.returnReason,
    counterpartyMasked: l.counterpartyMasked, outcome: l.outcome, issue: l.issue,
    payment: l.batchItem ? { grantId: l.batchItem.grantId, grantNumber: l.batchItem.tranche.grant.number, sequence: l.batchItem.tranche.sequence, batchReference: l.batchItem.batch.reference } : null,
    suggestion: l.outcome === "UNMATCHED" && l.suggestedItem ? {
      itemId: l.suggestedItem.id, grantId: l.suggestedItem.grantId, grantNumber: l.suggestedItem.tranche.grant.number, sequence: l.suggestedItem.tranche.sequence,
      batchReference: l.suggestedItem.batch.reference, executionDate: l.suggestedItem.batch.requestedExecutionDate.toISOString().slice(0, 10),
    } : null,
  }));
}

export async function statementDetail(actor: Actor, statementId: string, page = 1) {
  const s = await db.bankStatement.findUnique({ where: { id: statementId }, include: { debtorAccount: { select: { iban: true } } } });
  if (!s || !mayRead(actor, s.funderId)) throw new AppError("notFound");
  const pages = Math.max(1, Math.ceil(s.lineCount / LINES_PER_PAGE));
  return {
    id: s.id, funderId: s.funderId, format: s.format, statementRef: s.statementRef, messageId: s.messageId, importedAt: s.importedAt, accountIban: s.debtorAccount.iban,
    lineCount: s.lineCount, page: Math.min(Math.max(1, page), pages), pages, lines: await lineViews({ statementId }, Math.min(Math.max(1, page), pages)),
  };
}

/** The lines finance still has to decide, across statements: one page, newest statements first. */
export async function unmatchedLines(actor: Actor, funderId: string): Promise<StatementLineView[]> {
  if (!mayRead(actor, funderId)) throw new AppError("notFound");
  return lineViews({ funderId, outcome: "UNMATCHED" });
}

/** How many statements and lines to decide there are in all (the lists show a page of each). */
export async function statementTotals(actor: Actor, funderId: string) {
  if (!mayRead(actor, funderId)) throw new AppError("notFound");
  const [statements, unmatched] = await Promise.all([db.bankStatement.count({ where: { funderId } }), db.bankStatementLine.count({ where: { funderId, outcome: "UNMATCHED" } })]);
  return { statements, unmatched };
}

async function lockLine(actor: Actor, tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], lineId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "BankStatementLine" WHERE id = ${lineId}::uuid FOR UPDATE`;
  const line = rows.length ? await tx.bankStatementLine.findUnique({ where: { id: lineId }, include: { statement: { select: { format: true } } } }) : null;
  if (!line || !canAtFunder(actor, "payments.record", line.funderId)) throw new AppError("notFound");
  if (line.outcome !== "UNMATCHED") throw new AppError("alreadyDone");
  return line;
}

/** Books an unmatched debit to the payment offered for it; the checks of an import apply. */
export async function confirmLine(actor: Actor, lineId: string) {
  const head = await db.bankStatementLine.findUnique({ where: { id: lineId }, select: { funderId: true, suggestedItem: { select: { grantId: true, trancheId: true } } } });
  if (!head || !canAtFunder(actor, "payments.record", head.funderId)) throw new AppError("notFound");
  return db.$transaction(async (tx) => {
    if (head.suggestedItem) {
      // Grant, tranche, then line: the lock order of the import.
      await tx.$queryRaw`SELECT id FROM "Grant" WHERE id = ${head.suggestedItem.grantId}::uuid FOR UPDATE`;
      await tx.$queryRaw`SELECT id FROM "Tranche" WHERE id = ${head.suggestedItem.trancheId}::uuid FOR UPDATE`;
    }
    const line = await lockLine(actor, tx, lineId);
    if (!line.suggestedItemId) throw new AppError("invalidTransition");
    const item = await tx.paymentBatchItem.findUniqueOrThrow({ where: { id: line.suggestedItemId }, include: { batch: true, tranche: true, bankLines: { where: { outcome: "BOOKED" }, select: { id: true } } } });
    if (item.batch.status !== "RELEASED" || !item.open || item.tranche.status !== "APPROVED" || item.bankLines.length > 0 || !item.amount.equals(line.amount)) {
      throw new AppError("bankLineStale");
    }
    await tx.bankStatementLine.update({ where: { id: line.id }, data: { outcome: "BOOKED", issue: null, batchItemId: item.id, resolvedById: actor.userId, resolvedAt: new Date() } });
    const asLine: TStatementLine & { id: string } = {
      id: line.id, lineKey: line.lineKey, entryIndex: line.entryIndex, txIndex: line.txIndex, creditDebit: "DBIT", reversal: line.reversal, entryStatus: line.entryStatus,
      booked: true, amount: line.amount.toFixed(2), currency: line.currency, bookingDate: line.bookingDate?.toISOString().slice(0, 10),
      valueDate: line.valueDate?.toISOString().slice(0, 10), bankReference: line.bankReference ?? undefined,
    };
    await writeAudit(tx, { userId: actor.userId, role: "FINANCE" }, {
      action: "bankStatement.lineConfirmed", entityType: "BankStatementLine", entityId: line.id, funderId: line.funderId,
      before: { issue: line.issue }, after: { batchItemId: item.id, endToEndId: item.endToEndId, amount: line.amount, currency: line.currency },
    });
    await writeDecisions(tx, actor, { statementId: null, funderId: line.funderId, debtorAccountId: line.debtorAccountId, format: line.statement.format },
      [{ line: asLine, outcome: "BOOKED", issue: null, itemId: item.id, reverses: null }], { newLines: false });
  });
}

/** Not a payment of the portal's (a fee, a transfer made elsewhere): off the list, with who said so. */
export async function dismissLine(actor: Actor, lineId: string) {
  return db.$transaction(async (tx) => {
    const line = await lockLine(actor, tx, lineId);
    await tx.bankStatementLine.update({ where: { id: line.id }, data: { outcome: "IGNORED", issue: "DISMISSED", resolvedById: actor.userId, resolvedAt: new Date() } });
    await writeAudit(tx, { userId: actor.userId, role: "FINANCE" }, {
      action: "bankStatement.lineDismissed", entityType: "BankStatementLine", entityId: line.id, funderId: line.funderId,
      before: { issue: line.issue }, after: { amount: line.amount, currency: line.currency },
    });
  });
}
