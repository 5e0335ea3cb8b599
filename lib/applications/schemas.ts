import { z } from "zod";
import { BUDGET_CATEGORIES } from "./budget-rules";
import {
  zAmount,
  zDate,
  zDraftText,
  zId,
  zOptionalAmount,
  zOptionalDate,
  zOptionalInt,
  zRequiredText,
  zVersion,
} from "../validation";

export const SECTION_KEYS = ["summary", "problem", "objectives", "activities", "results", "risks", "sustainability"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_MAX: Record<SectionKey, number> = {
  summary: 2000,
  problem: 12000,
  objectives: 12000,
  activities: 12000,
  results: 12000,
  risks: 12000,
  sustainability: 12000,
};
export const TITLE_MAX = 200;
export const LINE_DESCRIPTION_MAX = 300;
export const MAX_LINES = 100;

const sectionsOf = <T extends z.ZodType>(make: (max: number) => T) =>
  z.object(Object.fromEntries(SECTION_KEYS.map((k) => [k, make(SECTION_MAX[k])])) as Record<SectionKey, T>);

/** What a draft may hold: anything incomplete, nothing malformed or too long. */
export const ZDraftContent = z.object({
  title: zDraftText(TITLE_MAX),
  sections: sectionsOf((max) => zDraftText(max)),
  requestedAmount: zOptionalAmount,
  cofinancingAmount: zOptionalAmount,
  startDate: zOptionalDate,
  durationMonths: zOptionalInt(1, 60),
  lines: z
    .array(
      z.object({
        category: z.enum(BUDGET_CATEGORIES, "errors.field.required"),
        description: zDraftText(LINE_DESCRIPTION_MAX),
        amount: zOptionalAmount,
      }),
    )
    .max(MAX_LINES, "errors.field.tooMany"),
});
export type TDraftContent = z.output<typeof ZDraftContent>;

export const ZSaveDraft = z.object({
  applicationId: zId,
  version: z.number().int().min(1),
  content: ZDraftContent,
});

/** Completeness required at submission, checked on the saved draft. */
export const ZSubmittable = z.object({
  title: zRequiredText(TITLE_MAX),
  sections: sectionsOf((max) => zRequiredText(max)),
  requestedAmount: zAmount,
  cofinancingAmount: zOptionalAmount,
  startDate: zDate,
  durationMonths: zOptionalInt(1, 60).refine((v) => v !== undefined, "errors.field.required"),
  lines: z
    .array(
      z.object({
        category: z.enum(BUDGET_CATEGORIES),
        description: zRequiredText(LINE_DESCRIPTION_MAX),
        amount: zAmount,
      }),
    )
    .min(1, "errors.field.budgetLines"),
});

export const ZStartApplication = z.object({ callId: zId, organisationId: zId });
export const ZApplicationVersion = z.object({ applicationId: zId, version: zVersion });
export const ZAnswer = z.object({ applicationId: zId, questionId: zId, body: zRequiredText(10000) });
export const ZQuestion = z.object({ applicationId: zId, body: zRequiredText(10000) });
