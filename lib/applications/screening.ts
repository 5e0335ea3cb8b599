// Eligibility screening: the call's checklist, one answer per criterion. Failing any
// criterion makes the application ineligible, with reasons the applicant reads.
import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import { zId, zOptionalText } from "../validation";
import { loadForStaff, transitionContext } from "./access";
import { transition } from "./transition";

export const ZScreening = z.object({
  applicationId: zId,
  results: z.record(z.uuid(), z.object({ met: z.enum(["yes", "no"], "errors.field.required"), note: zOptionalText(1000) })),
  reasonsForApplicant: zOptionalText(5000),
});
export type TScreening = z.output<typeof ZScreening>;

export async function recordScreening(actor: Actor, input: TScreening) {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, input.applicationId, "applications.screen");
    const criteria = await tx.eligibilityCriterion.findMany({ where: { callId: app.callId }, orderBy: { position: "asc" } });
    const missing = criteria.filter((c) => !input.results[c.id]);
    if (missing.length > 0) {
      throw new AppError("validation", Object.fromEntries(missing.map((c) => [`results.${c.id}.met`, "errors.field.required"])));
    }
    const eligible = criteria.every((c) => input.results[c.id]!.met === "yes");
    if (!eligible && !input.reasonsForApplicant) {
      throw new AppError("validation", { reasonsForApplicant: "errors.screening.reasonsRequired" });
    }
    const results = criteria.map((c) => ({ criterionId: c.id, met: input.results[c.id]!.met === "yes", note: input.results[c.id]!.note ?? "" }));
    await transition(tx, actor, eligible ? "screenEligible" : "screenIneligible", transitionContext(app), { audit: { results } });
    await tx.screening.upsert({
      where: { applicationId: app.id },
      create: { applicationId: app.id, results, eligible, reasonsForApplicant: eligible ? null : input.reasonsForApplicant, screenedById: actor.userId },
      update: { results, eligible, reasonsForApplicant: eligible ? null : input.reasonsForApplicant, screenedById: actor.userId, screenedAt: new Date() },
    });
    return eligible;
  });
}
