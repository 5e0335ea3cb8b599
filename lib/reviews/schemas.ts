import { z } from "zod";
import { zId, zOptionalText, zRequiredText } from "../validation";

export const ZAssignReviewer = z.object({ applicationId: zId, reviewerId: zId });
export const ZDeclareInterest = z
  .object({ assignmentId: zId, conflict: z.enum(["yes", "no"], "errors.field.required"), note: zOptionalText(2000) })
  .superRefine((d, ctx) => {
    if (d.conflict === "yes" && !d.note) ctx.addIssue({ code: "custom", path: ["note"], message: "errors.field.required" });
  });

export const ZSubmitReview = z.object({
  assignmentId: zId,
  scores: z.record(
    z.uuid(),
    z.object({
      score: z.coerce.number("errors.field.score").int("errors.field.score").min(0, "errors.field.score").max(5, "errors.field.score"),
      comment: zOptionalText(3000),
    }),
  ),
  recommendation: z.enum(["FUND", "FUND_WITH_CHANGES", "DO_NOT_FUND"], "errors.field.required"),
  comment: zRequiredText(10000),
});
export type TSubmitReview = z.output<typeof ZSubmitReview>;
