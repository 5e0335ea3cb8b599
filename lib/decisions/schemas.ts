import { z } from "zod";
import { zId, zOptionalAmount, zOptionalText, zRequiredText } from "../validation";

export const ZRecommend = z
  .object({
    applicationId: zId,
    kind: z.enum(["APPROVE", "REJECT"], "errors.field.required"),
    amount: zOptionalAmount,
    reasonsForApplicant: zRequiredText(5000),
    internalNotes: zOptionalText(5000),
  })
  .superRefine((d, ctx) => {
    if (d.kind === "APPROVE" && !d.amount) ctx.addIssue({ code: "custom", path: ["amount"], message: "errors.field.required" });
  });
export type TRecommend = z.output<typeof ZRecommend>;

export const ZConfirm = z.object({ decisionId: zId });
export const ZReturn = z.object({ decisionId: zId, note: zRequiredText(2000) });
