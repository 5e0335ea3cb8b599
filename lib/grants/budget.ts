// The approved budget changes only by amendment: an officer proposes a new version, an
// approver who is not the proposer confirms or rejects it. Every version is kept.
import "server-only";
import type { Actor } from "../auth/actor";
import { roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import type { TBudgetAmendment } from "../ledger/schemas";
import { lockGrantForStaff } from "./access";

export async function proposeBudgetAmendment(actor: Actor, input: TBudgetAmendment) {
  return db.$transaction(async (tx) => {
    const grant = await lockGrantForStaff(tx, actor, input.grantId, "grants.manage");
    if (grant.status !== "ACTIVE") throw new AppError("invalidTransition");
    const total = input.lines.reduce((acc, l) => acc.plus(l.amount), new Prisma.Decimal(0));
    if (!total.equals(grant.amount)) throw new AppError("validation", { lines: "errors.budget.grantTotal" });
    if (await tx.grantBudget.findFirst({ where: { grantId: grant.id, status: "PROPOSED" } })) throw new AppError("conflict");
    const last = await tx.grantBudget.findFirst({ where: { grantId: grant.id }, orderBy: { version: "desc" } });
    const budget = await tx.grantBudget.create({
      data: {
        grantId: grant.id,
        version: (last?.version ?? 0) + 1,
        reason: input.reason,
        proposedById: actor.userId,
        lines: { create: input.lines.map((l, position) => ({ position, ...l })) },
      },
    });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "grants.manage", grant.funderId) }, {
      action: "grant.budgetProposed", entityType: "GrantBudget", entityId: budget.id, funderId: grant.funderId, organisationId: grant.organisationId,
      // Amounts only: descriptions and the reason are free text an erase must be able to blank.
      after: { version: budget.version, lines: input.lines.map((l) => ({ category: l.category, amount: l.amount })) },
    });
    return budget.id;
  });
}

export async function decideBudgetAmendment(actor: Actor, budgetId: string, confirm: boolean, note?: string) {
  return db.$transaction(async (tx) => {
    const budget = await tx.grantBudget.findUnique({ where: { id: budgetId } });
    if (!budget) throw new AppError("notFound");
    const grant = await lockGrantForStaff(tx, actor, budget.grantId, "budget.confirm");
    if (budget.status !== "PROPOSED") throw new AppError("invalidTransition");
    if (budget.proposedById === actor.userId) throw new AppError("fourEyes");
    await tx.grantBudget.update({ where: { id: budget.id }, data: { status: confirm ? "CONFIRMED" : "REJECTED", decidedById: actor.userId, decidedAt: new Date() } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "budget.confirm", grant.funderId) }, {
      action: confirm ? "grant.budgetConfirmed" : "grant.budgetRejected", entityType: "GrantBudget", entityId: budget.id,
      funderId: grant.funderId, organisationId: grant.organisationId, after: { version: budget.version, note: note ?? null },
    });
  });
}
