import { z } from "zod";
import { centsOrNull } from "../amounts";
import { zAmount, zBigId, zCheckbox, zDate, zId, zVersion, zOptionalAmount, zOptionalCurrency, zOptionalText, zRequiredText } from "../validation";

export const ZRecordPayment = z
  .object({
    trancheId: zId,
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "errors.field.invalid"),
    valueDate: zDate,
    bankReference: zRequiredText(100),
    paidCurrency: zOptionalCurrency,
    paidAmount: zOptionalAmount,
    // Ticked to pay ahead of the grant's start (pre-financing); otherwise such a date is refused.
    beforeStart: zCheckbox.optional(),
  })
  .superRefine((p, ctx) => {
    if (Boolean(p.paidCurrency) !== Boolean(p.paidAmount)) {
      ctx.addIssue({ code: "custom", path: [p.paidCurrency ? "paidAmount" : "paidCurrency"], message: "errors.field.required" });
    }
    const paid = centsOrNull(p.paidAmount);
    if (paid !== null && paid <= 0n) ctx.addIssue({ code: "custom", path: ["paidAmount"], message: "errors.field.positive" });
  });
export type TRecordPayment = z.output<typeof ZRecordPayment>;

export const ZTrancheAction = z.object({ trancheId: zId });

export const ZReversePayment = z.object({
  ledgerEntryId: zBigId,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "errors.field.invalid"),
  reason: zRequiredText(1000),
  valueDate: zDate,
});
export type TReversePayment = z.output<typeof ZReversePayment>;

export const CONDITIONS = ["NONE", "INTERIM_REPORT_ACCEPTED", "FINAL_REPORT_ACCEPTED"] as const;

export const ZSchedule = z.object({
  grantId: zId,
  version: zVersion,
  tranches: z
    .array(z.object({ plannedAmount: zAmount, plannedDate: zDate, condition: z.enum(CONDITIONS) }))
    .min(1, "errors.schedule.empty")
    .max(24, "errors.field.tooMany"),
});
export type TSchedule = z.output<typeof ZSchedule>;

export const ZBudgetAmendment = z.object({
  grantId: zId,
  reason: zRequiredText(2000),
  lines: z
    .array(z.object({ category: z.enum(["STAFF", "ACTIVITIES", "EQUIPMENT", "TRAVEL", "SECURITY", "OVERHEADS", "OTHER"]), description: zRequiredText(300), amount: zAmount }))
    .min(1, "errors.field.budgetLines")
    .max(100),
});
export type TBudgetAmendment = z.output<typeof ZBudgetAmendment>;

export const ZDecideAmendment = z.object({ budgetId: zId, decision: z.enum(["confirm", "reject"]), note: zOptionalText(1000) });
