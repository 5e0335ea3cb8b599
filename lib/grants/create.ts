// An approved application becomes a grant, inside the approval's transaction: a number
// from the funder's counter, the amount committed in the ledger (with its EUR value), and
// the commitment's audit event carrying the ledger row (lib/ledger/proof-content.ts).
import "server-only";
import type { Application, Decision } from "@prisma/client";
import { writeAudit } from "../audit/write";
import type { Tx } from "../db";
import { Prisma } from "../db";
import { rateForValueDate, toEur } from "../ledger/fx";
import { ledgerProofContent } from "../ledger/proof-content";

export async function nextGrantNumber(tx: Tx, funderId: string, funderCode: string, year: number) {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "GrantCounter" ("funderId", year, last) VALUES (${funderId}::uuid, ${year}, 1)
    ON CONFLICT ("funderId", year) DO UPDATE SET last = "GrantCounter".last + 1
    RETURNING last`;
  return `${funderCode}-${year}-${String(row!.last).padStart(4, "0")}`;
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d;
}

export async function createGrantForApproval(
  tx: Tx,
  input: {
    application: Pick<Application, "id" | "funderId" | "callId" | "organisationId" | "currency" | "startDate" | "durationMonths">;
    decision: Pick<Decision, "amount">;
    programmeId: string;
    funderCode: string;
    approverId: string;
    /** The role the approval is recorded under (the audit event's actorRole). */
    approverRole: string | null;
    now: Date;
  },
) {
  const { application: app, now } = input;
  const amount = new Prisma.Decimal(input.decision.amount!);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const startDate = app.startDate && app.startDate > today ? app.startDate : today;
  const grant = await tx.grant.create({
    data: {
      number: await nextGrantNumber(tx, app.funderId, input.funderCode, now.getUTCFullYear()),
      applicationId: app.id,
      funderId: app.funderId,
      programmeId: input.programmeId,
      callId: app.callId,
      organisationId: app.organisationId,
      amount,
      currency: app.currency,
      startDate,
      endDate: addMonths(startDate, app.durationMonths ?? 12),
      createdById: input.approverId,
    },
  });
  // The approved budget, version 1: the application's budget lines as submitted.
  const lines = await tx.budgetLine.findMany({ where: { applicationId: app.id }, orderBy: { position: "asc" } });
  await tx.grantBudget.create({
    data: {
      grantId: grant.id,
      version: 1,
      status: "CONFIRMED",
      reason: "Budget of the approved application",
      proposedById: input.approverId,
      lines: { create: lines.map((l) => ({ position: l.position, category: l.category, description: l.description, amount: l.amount })) },
    },
  });
  const fx = await rateForValueDate(tx, app.currency, today);
  const commitment = await tx.ledgerEntry.create({
    data: {
      grantId: grant.id,
      kind: "COMMITMENT",
      amount,
      currency: app.currency,
      eurAmount: toEur(amount, fx.perEur),
      eurRate: fx.perEur,
      valueDate: today,
      createdById: input.approverId,
      noteCode: "COMMITMENT_ON_APPROVAL",
    },
  });
  await writeAudit(tx, { userId: input.approverId, role: input.approverRole }, {
    action: "commitment.recorded", entityType: "LedgerEntry", entityId: commitment.id.toString(), funderId: app.funderId, organisationId: app.organisationId,
    after: { ledgerEntry: ledgerProofContent(commitment) },
  });
  return grant;
}
