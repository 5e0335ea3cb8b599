// Grant status: suspend and resume (payments stop meanwhile), close when fully paid,
// terminate early (unpaid tranches are cancelled and the commitment is cut to what was
// disbursed: the commitment is reversed and re-committed at the disbursed amount).
import "server-only";
import type { GrantStatus, LedgerEntry } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { computeBalances } from "../ledger/balances";
import { rateForValueDate, toEur } from "../ledger/fx";
import { ledgerProofContent } from "../ledger/proof-content";
import { lockGrantForStaff } from "./access";

const ALLOWED: Record<GrantStatus, GrantStatus[]> = {
  ACTIVE: ["SUSPENDED", "CLOSED", "TERMINATED"],
  SUSPENDED: ["ACTIVE", "TERMINATED"],
  CLOSED: [],
  TERMINATED: [],
};

export async function setGrantStatus(actor: Actor, grantId: string, to: GrantStatus, reason: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const grant = await lockGrantForStaff(tx, actor, grantId, "grants.manage");
    if (!ALLOWED[grant.status].includes(to)) throw new AppError("invalidTransition");
    const auditActor = { userId: actor.userId, role: roleGranting(actor, "grants.manage", grant.funderId) };
    const entries = await tx.ledgerEntry.findMany({ where: { grantId } });
    const balances = computeBalances(entries);
    if (to === "CLOSED" && !new Prisma.Decimal(balances.disbursed).equals(grant.amount)) throw new AppError("conflict");
    if (to === "TERMINATED") {
      if (await tx.tranche.count({ where: { grantId, status: { in: ["REQUESTED", "APPROVED"] } } })) throw new AppError("conflict");
      await tx.tranche.updateMany({ where: { grantId, status: "PLANNED" }, data: { status: "CANCELLED" } });
      const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const fx = await rateForValueDate(tx, grant.currency, today);
      // Each ledger row gets its own event carrying the row as written (lib/ledger/proof-content.ts).
      const ledgerEvent = (action: "commitment.reversed" | "commitment.recorded", entry: LedgerEntry) =>
        writeAudit(tx, auditActor, {
          action, entityType: "LedgerEntry", entityId: entry.id.toString(), funderId: grant.funderId, organisationId: grant.organisationId,
          after: { ledgerEntry: ledgerProofContent(entry) },
        });
      for (const c of entries.filter((e) => e.kind === "COMMITMENT" && !entries.some((r) => r.reversesId === e.id))) {
        const reversal = await tx.ledgerEntry.create({ data: { grantId, kind: "REVERSAL", amount: c.amount.negated(), currency: c.currency, eurAmount: c.eurAmount.negated(), eurRate: c.eurRate, valueDate: today, reversesId: c.id, noteCode: "TERMINATION", note: reason, createdById: actor.userId } });
        await ledgerEvent("commitment.reversed", reversal);
      }
      const disbursed = new Prisma.Decimal(balances.disbursed);
      if (disbursed.greaterThan(0)) {
        const reduced = await tx.ledgerEntry.create({ data: { grantId, kind: "COMMITMENT", amount: disbursed, currency: grant.currency, eurAmount: toEur(disbursed, fx.perEur), eurRate: fx.perEur, valueDate: today, noteCode: "COMMITMENT_REDUCED", createdById: actor.userId } });
        await ledgerEvent("commitment.recorded", reduced);
      }
    }
    await tx.grant.update({ where: { id: grantId }, data: { status: to, version: { increment: 1 } } });
    await writeAudit(tx, auditActor, {
      action: "grant.statusChanged", entityType: "Grant", entityId: grantId, funderId: grant.funderId, organisationId: grant.organisationId,
      before: { status: grant.status }, after: { status: to, reason },
    });
  });
}
