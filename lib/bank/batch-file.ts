// The bank's file of a released batch: pain.001 (.09 or .03) for SEPA batches, the payments
// CSV otherwise. Built from what the batch fixed when prepared (items, amounts, references),
// the payees' sealed account details opened here, and the funder's debtor account; the same
// batch gives the same file every time (its release time is the file's creation time).
// Every download is audited with the file's SHA-256.
import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { logError } from "../log";
import { dataKeyOf } from "../organisations/identity";
import type { TOtherAccount, TPayeeAccount, TSepaAccount } from "./account";
import { openPayeeDetails } from "./accounts-seal";
import { PaymentFileError } from "./codes";
import { pain001Xml, type TPain001Version } from "./pain001";
import { paymentsCsv } from "./payments-csv";

export type BatchFile = { filename: string; contentType: string; body: string; sha256: string };

export async function batchFile(actor: Actor, batchId: string, version: TPain001Version = "pain.001.001.09"): Promise<BatchFile> {
  return db.$transaction(async (tx) => {
    const batch = await tx.paymentBatch.findUnique({
      where: { id: batchId },
      include: { debtorAccount: true, items: { orderBy: { endToEndId: "asc" }, include: { payeeAccount: { include: { organisation: { include: { key: true } } } } } } },
    });
    const role = batch && (canAtFunder(actor, "payments.record", batch.funderId) ? "FINANCE" : canAtFunder(actor, "payments.approve", batch.funderId) ? "APPROVER" : null);
    if (!batch || !role) throw new AppError("notFound");
    // The file holds every payee's account in clear, as the account page does: a fresh second factor.
    requireRecentSecondFactor(actor);
    if (batch.status !== "RELEASED") throw new AppError("batchNotReleased");
    // Opened once per account: a batch often pays one account many times.
    const opened = new Map<string, TPayeeAccount>();
    const accounts = batch.items.map((i) => {
      const a = i.payeeAccount;
      const known = opened.get(a.id);
      if (known) return known;
      const key = dataKeyOf(a.organisationId, a.organisation.key ?? undefined);
      // A key destroyed (an erased organisation) or unreadable: no file with a hole in it.
      if (!key) throw new AppError("batchFileRefused");
      const details = openPayeeDetails(key, a) as TPayeeAccount;
      opened.set(a.id, details);
      return details;
    });
    const day = batch.requestedExecutionDate.toISOString().slice(0, 10);
    const createdAt = batch.releasedAt!;
    let body: string;
    try {
      if (batch.kind === "SEPA") {
        body = pain001Xml({
          messageId: batch.reference, createdAt, requestedExecutionDate: day,
          debtor: { name: batch.debtorAccount.holderName, iban: batch.debtorAccount.iban, bic: batch.debtorAccount.bic ?? undefined },
          payments: batch.items.map((i, n) => {
            const a = accounts[n] as TSepaAccount;
            return { endToEndId: i.endToEndId, amount: i.amount.toFixed(2), currency: i.currency, creditor: { name: a.holderName, iban: a.iban, bic: a.bic }, remittance: i.endToEndId };
          }),
        }, { version });
      } else {
        body = paymentsCsv({
          messageId: batch.reference, requestedExecutionDate: day, debtorAccount: batch.debtorAccount.iban,
          payments: batch.items.map((i, n) => {
            const a = accounts[n] as TOtherAccount;
            return { endToEndId: i.endToEndId, amount: i.amount.toFixed(2), currency: i.currency, remittance: i.endToEndId,
              creditor: { name: a.holderName, accountNumber: a.accountNumber, bankName: a.bankName, bic: a.bic, bankCountry: a.bankCountry } };
          }),
        });
      }
    } catch (e) {
      if (!(e instanceof PaymentFileError)) throw e;
      // Checked when the accounts were added; reaching here means data the file cannot carry.
      logError(`payment file of batch ${batch.id} refused`, e);
      throw new AppError("batchFileRefused");
    }
    const sha256 = createHash("sha256").update(body).digest("hex");
    const format = batch.kind === "SEPA" ? version : "csv";
    await writeAudit(tx, { userId: actor.userId, role }, {
      action: "paymentBatch.downloaded", entityType: "PaymentBatch", entityId: batch.id, funderId: batch.funderId,
      after: { reference: batch.reference, format, sha256 },
    });
    return batch.kind === "SEPA"
      ? { filename: `${batch.reference}.xml`, contentType: "application/xml; charset=utf-8", body, sha256 }
      : { filename: `${batch.reference}.csv`, contentType: "text/csv; charset=utf-8", body, sha256 };
  });
}
