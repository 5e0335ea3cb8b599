import { z } from "zod";
import { centsOrNull, isDecimalText } from "../amounts";
import { LOCALES } from "../i18n/locales";
import { isCalendarDay, zAmount, zId, zOptionalText, zRequiredText, zVersion } from "../validation";

const zWallTime = z
  .string("errors.field.required")
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.field.dateTime")
  .refine((s) => isCalendarDay(s.slice(0, 10)) && Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60, "errors.field.dateTime");
const zPercent = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().replace(",", ".") : v),
  z.string("errors.field.required").refine((s) => isDecimalText(s, 3, 2), "errors.field.percent"),
);
// English, Russian and Czech are required; Ukrainian is optional (readers fall back to English).
const texts = (max: number) => ({ en: zRequiredText(max), ru: zRequiredText(max), cs: zRequiredText(max), uk: zOptionalText(max) });
const list = (max: number) => z.array(z.string().trim().max(max, "errors.field.tooLong")).default([]);

export const ZCallForm = z
  .object({
    programmeId: zId,
    kind: z.enum(["REGULAR", "EMERGENCY"]),
    title: z.object(texts(200)),
    summary: z.object(texts(4000)),
    eligibilitySummary: z.object(texts(2000)),
    languages: z.array(z.enum(LOCALES), "errors.field.languages").min(1, "errors.field.languages"),
    opensAt: zWallTime,
    closesAt: zWallTime,
    envelope: zAmount,
    minGrant: zAmount,
    maxGrant: zAmount,
    cofinancingPct: zPercent,
    overheadLimitPct: zPercent,
    eligibility: z.object({ en: list(300), ru: list(300), cs: list(300), uk: list(300) }),
    scoring: z.object({ en: list(200), ru: list(200), cs: list(200), uk: list(200), weight: list(6) }),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (c.closesAt <= c.opensAt) issue(["closesAt"], "errors.field.dateOrder");
    // A field that already failed its own check yields null and skips the comparisons.
    const [envelope, min, max] = [centsOrNull(c.envelope), centsOrNull(c.minGrant), centsOrNull(c.maxGrant)];
    const [cofinancing, overheads] = [centsOrNull(c.cofinancingPct), centsOrNull(c.overheadLimitPct)];
    if (envelope !== null && envelope <= 0n) issue(["envelope"], "errors.field.positive");
    if (min !== null && min <= 0n) issue(["minGrant"], "errors.field.positive");
    if (min !== null && max !== null && min > max) issue(["maxGrant"], "errors.call.minAboveMax");
    if (max !== null && envelope !== null && max > envelope) issue(["maxGrant"], "errors.call.maxAboveEnvelope");
    if (cofinancing !== null && cofinancing >= 10000n) issue(["cofinancingPct"], "errors.field.percent");
    if (overheads !== null && overheads > 10000n) issue(["overheadLimitPct"], "errors.field.percent");
    const el = c.eligibility;
    if (el.en.length === 0) issue(["eligibility"], "errors.call.criteriaRequired");
    // A Ukrainian column, when sent, has a cell per criterion; an empty cell falls back to English.
    const ukFits = (uk: string[], en: string[]) => uk.length === 0 || uk.length === en.length;
    if (el.ru.length !== el.en.length || el.cs.length !== el.en.length || !ukFits(el.uk, el.en) || el.en.some((x, i) => !x || !el.ru[i] || !el.cs[i])) {
      issue(["eligibility"], "errors.call.criteriaIncomplete");
    }
    const sc = c.scoring;
    if (sc.en.length === 0) issue(["scoring"], "errors.call.criteriaRequired");
    if ([sc.ru, sc.cs, sc.weight].some((a) => a.length !== sc.en.length) || !ukFits(sc.uk, sc.en) || sc.en.some((x, i) => !x || !sc.ru[i] || !sc.cs[i])) {
      issue(["scoring"], "errors.call.criteriaIncomplete");
    }
    if (sc.weight.some((w) => !/^\d{1,3}$/.test(w) || Number(w) <= 0)) issue(["scoring"], "errors.call.weights");
  });
export type TCallForm = z.output<typeof ZCallForm>;

export const ZCallId = z.object({ callId: zId });
export const ZCallUpdate = z.object({ callId: zId, version: zVersion });
