import { z } from "zod";
import { zId, zRequiredText, zVersion } from "../validation";

export const ZProposeOutcome = z.object({
  matchId: zId,
  version: zVersion,
  outcome: z.enum(["clear", "match"], "errors.field.required"),
  reason: zRequiredText(2000),
});

export const ZDecideOutcome = z.object({
  matchId: zId,
  version: zVersion,
  accept: z.enum(["yes", "no"], "errors.field.required").transform((v) => v === "yes"),
});
