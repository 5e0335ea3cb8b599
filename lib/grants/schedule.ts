// The tranche schedule. Tranches already requested, approved or paid stay as they are;
// the planned ones are replaced, and the whole schedule must add up to the grant amount
// (checked here, and again by the database at commit).
import "server-only";
import type { Actor } from "../auth/actor";
import { roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { toDate } from "../validation";
import type { TSchedule } from "../ledger/schemas";
import { lockGrantForStaff } from "./access";

const DAY = 86_400_000;
export const INTERIM_REPORT_DAYS_BEFORE = 14;
export const FINAL_REPORT_DAYS_AFTER = 30;

export async function saveSchedule(actor: Actor, input: TSchedule) {
  return db.$transaction(async (tx) => {
    const grant = await lockGrantForStaff(tx, actor, input.grantId, "grants.manage");
    if (grant.status !== "ACTIVE") throw new AppError("invalidTransition");
    if (grant.version !== input.version) throw new AppError("staleVersion");
    const existing = await tx.tranche.findMany({ where: { grantId: grant.id }, orderBy: { sequence: "asc" } });
    const locked = existing.filter((t) => t.status !== "PLANNED" && t.status !== "CANCELLED");
    const total = [...locked.map((t) => t.plannedAmount), ...input.tranches.map((t) => new Prisma.Decimal(t.plannedAmount))]
      .reduce((acc, v) => acc.plus(v), new Prisma.Decimal(0));
    const fields: Record<string, string> = {};
    input.tranches.forEach((t, i) => {
      if (new Prisma.Decimal(t.plannedAmount).lessThanOrEqualTo(0)) fields[`tranches.${i}.plannedAmount`] = "errors.field.positive";
    });
    if (!total.equals(grant.amount)) fields.tranches = "errors.schedule.sum";
    if (Object.keys(fields).length) throw new AppError("validation", fields, { total: total.toFixed(2), amount: grant.amount.toFixed(2) });

    await tx.tranche.deleteMany({ where: { grantId: grant.id, status: { in: ["PLANNED", "CANCELLED"] } } });
    const start = Math.max(0, ...locked.map((t) => t.sequence));
    await tx.tranche.createMany({
      data: input.tranches.map((t, i) => ({
        grantId: grant.id,
        sequence: start + i + 1,
        plannedAmount: t.plannedAmount,
        plannedDate: toDate(t.plannedDate),
        condition: t.condition,
      })),
    });
    // Reports the schedule depends on: an interim report before each tranche that needs
    // one, and the final report after the grant ends. Interim reports not yet handed in
    // follow the conditions: kept (same id, so links in notifications still work) with the
    // due date of their tranche, added where missing, withdrawn where no tranche waits for
    // one any more. Reports handed in are never touched.
    const interimDue = input.tranches
      .filter((t) => t.condition === "INTERIM_REPORT_ACCEPTED")
      .map((t) => new Date(toDate(t.plannedDate).getTime() - INTERIM_REPORT_DAYS_BEFORE * DAY));
    const open = await tx.report.findMany({ where: { grantId: grant.id, status: "DUE", kind: "INTERIM" }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
    for (const [i, dueDate] of interimDue.entries()) {
      const kept = open[i];
      if (kept) await tx.report.update({ where: { id: kept.id }, data: { dueDate } });
      else await tx.report.create({ data: { grantId: grant.id, kind: "INTERIM", dueDate } });
    }
    await tx.report.deleteMany({ where: { id: { in: open.slice(interimDue.length).map((r) => r.id) } } });
    if (!(await tx.report.findFirst({ where: { grantId: grant.id, kind: "FINAL" } }))) {
      await tx.report.create({ data: { grantId: grant.id, kind: "FINAL", dueDate: new Date(grant.endDate.getTime() + FINAL_REPORT_DAYS_AFTER * DAY) } });
    }
    await tx.grant.update({ where: { id: grant.id }, data: { version: { increment: 1 } } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "grants.manage", grant.funderId) }, {
      action: "grant.scheduleSaved",
      entityType: "Grant",
      entityId: grant.id,
      funderId: grant.funderId,
      organisationId: grant.organisationId,
      before: { planned: existing.filter((t) => t.status === "PLANNED").map((t) => ({ amount: t.plannedAmount, date: t.plannedDate })) },
      after: { planned: input.tranches },
    });
  });
}
