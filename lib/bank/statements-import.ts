// Finance uploads a bank statement (issue 15, item 4). The file is parsed whole first (a bad
// one is refused and changes nothing); then, in one transaction holding the funder account's
// lock, every line not seen before is stored and decided (reconcile-classify.ts) and the
// ledger written (reconcile-write.ts). A line already stored, from this file or another that
// carried it, is left alone: importing the same statement again changes nothing.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { parseStatement, type TStatement } from "./camt053";
import { StatementFileError } from "./codes";
import { batchItemsByReference } from "./batch-items";
import { classifyLines, type TNewLine } from "./reconcile-classify";
import { writeDecisions, type TWriteSummary } from "./reconcile-write";
import { statementLines } from "./statement-lines";
import { suggestMatches } from "./statements-suggest";

export type TImportResult = {
  /** One per statement in the file (a message may carry several accounts' statements). */
  statementIds: string[];
  /** The file was imported before: nothing changed. */
  alreadyImported: boolean;
  /** Lines already stored by an earlier import (skipped). */
  seenBefore: number;
} & TWriteSummary;

/** Grants, then tranches, of the payments the lines name, locked in id order (the payment flow's order). */
async function lockPayments(tx: Tx, refs: string[]) {
  if (refs.length === 0) return;
  await tx.$queryRaw`SELECT g.id FROM "Grant" g WHERE g.id IN (SELECT i."grantId" FROM "PaymentBatchItem" i WHERE i."endToEndId" = ANY(${refs}::text[])) ORDER BY g.id FOR UPDATE`;
  await tx.$queryRaw`SELECT t.id FROM "Tranche" t WHERE t.id IN (SELECT i."trancheId" FROM "PaymentBatchItem" i WHERE i."endToEndId" = ANY(${refs}::text[])) ORDER BY t.id FOR UPDATE`;
}

function refused(e: unknown): never {
  if (e instanceof StatementFileError) throw new AppError("validation", { file: `errors.statement.${e.code}` });
  throw e;
}

async function accountsOf(funderId: string, statements: TStatement[]) {
  const accounts = await db.funderBankAccount.findMany({ where: { funderId } });
  return statements.map((s) => {
    // ISO 20022 allows 35 characters; a longer id is a broken file, not one to shorten.
    if (s.id.length > 35) throw new AppError("validation", { file: "errors.statement.malformed" });
    const iban = s.account.iban?.replace(/\s+/g, "").toUpperCase();
    const mine = accounts.find((a) => a.iban === iban && (!s.currency || a.currency === s.currency));
    // A statement of an account that is not this funder's is refused whole, before anything is written.
    if (!mine) throw new AppError("validation", { file: "errors.statement.unknownAccount" });
    return mine;
  });
}

export async function importStatement(actor: Actor, input: { funderId: string; file: Uint8Array }): Promise<TImportResult> {
  if (!canAtFunder(actor, "payments.record", input.funderId)) throw new AppError("notFound");
  const sha256 = createHash("sha256").update(input.file).digest("hex");
  const message = await parseStatement(input.file).catch(refused);
  if (message.messageId.length > 35) throw new AppError("validation", { file: "errors.statement.malformed" });
  const accounts = await accountsOf(input.funderId, message.statements);
  return db.$transaction(async (tx) => {
    const result: TImportResult = { statementIds: [], alreadyImported: false, seenBefore: 0, booked: 0, returned: 0, unmatched: 0, repeated: 0, ignored: 0 };
    // One import per account at a time: the second sees the first's lines.
    await tx.$queryRaw`SELECT id FROM "FunderBankAccount" WHERE id = ANY(${[...new Set(accounts.map((a) => a.id))].sort()}::uuid[]) ORDER BY id FOR UPDATE`;
    const known = await tx.bankStatement.findMany({ where: { debtorAccountId: { in: accounts.map((a) => a.id) }, sha256 } });
    if (known.length === message.statements.length) return { ...result, statementIds: known.map((k) => k.id), alreadyImported: true };
    for (const [i, statement] of message.statements.entries()) {
      const account = accounts[i]!;
      const all = statementLines(statement);
      const stored = new Set((await tx.bankStatementLine.findMany({ where: { debtorAccountId: account.id, lineKey: { in: all.map((l) => l.lineKey) } }, select: { lineKey: true } })).map((l) => l.lineKey));
      const fresh: TNewLine[] = all.filter((l) => !stored.has(l.lineKey)).map((l) => ({ ...l, id: randomUUID() }));
      result.seenBefore += all.length - fresh.length;
      const refs = [...new Set(fresh.flatMap((l) => (l.endToEndId ? [l.endToEndId] : [])))];
      await lockPayments(tx, refs);
      const items = await batchItemsByReference(tx, refs);
      const decisions = classifyLines(fresh, items, { funderId: input.funderId, debtorAccountId: account.id });
      await suggestMatches(tx, account.id, decisions);
      const row = await tx.bankStatement.create({
        data: {
          funderId: input.funderId, debtorAccountId: account.id, format: message.format, messageId: message.messageId,
          statementRef: statement.id, sha256, lineCount: fresh.length, importedById: actor.userId,
        },
      });
      result.statementIds.push(row.id);
      const summary = await writeDecisions(tx, actor, { statementId: row.id, funderId: input.funderId, debtorAccountId: account.id, format: message.format }, decisions);
      for (const k of ["booked", "returned", "unmatched", "repeated", "ignored"] as const) result[k] += summary[k];
    }
    return result;
  }, { timeout: 120_000, maxWait: 10_000 });
}
