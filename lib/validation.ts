// Building blocks for zod input schemas of forms. Messages are catalogue keys.
import { z } from "zod";
import { normaliseAmount } from "./amounts";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const zRequiredText = (max: number) =>
  z.string("errors.field.required").trim().min(1, "errors.field.required").max(max, "errors.field.tooLong");

export const zOptionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, "errors.field.tooLong").optional());

/** Draft text: may be empty, never too long. */
export const zDraftText = (max: number) => z.string().max(max, "errors.field.tooLong").default("");

export const zAmount = z.preprocess(
  (v) => (typeof v === "string" ? (normaliseAmount(v) ?? "invalid") : v),
  z.string("errors.field.required").refine((s) => s !== "invalid", "errors.field.amount"),
);

export const zOptionalAmount = z.preprocess(blankToUndefined, zAmount.optional());

export const zCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const zOptionalInt = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number("errors.field.number").int("errors.field.number").min(min, "errors.field.range").max(max, "errors.field.range").optional(),
  );

export const zCountry = z.string("errors.field.required").regex(/^[A-Z]{2}$/, "errors.field.country");
export const zOptionalCountry = z.preprocess(blankToUndefined, zCountry.optional());
export const zCurrency = z.string("errors.field.required").regex(/^[A-Z]{3}$/, "errors.field.currency");
export const zOptionalCurrency = z.preprocess(blankToUndefined, zCurrency.optional());

/** True for a real day: Date.parse would roll 2025-02-30 over to 2 March. */
export function isCalendarDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A calendar date as YYYY-MM-DD. */
export const zDate = z.string("errors.field.required").regex(/^\d{4}-\d{2}-\d{2}$/, "errors.field.date").refine(isCalendarDay, "errors.field.date");

/** Optimistic-lock version: a positive INT4, as stored. */
export const zVersion = z.coerce.number("errors.field.invalid").int("errors.field.invalid").min(1, "errors.field.invalid").max(2_147_483_647, "errors.field.invalid");

/** A BIGINT row id (ledger entries). */
export const zBigId = z.coerce.bigint("errors.field.invalid").min(1n, "errors.field.invalid").max(9_223_372_036_854_775_807n, "errors.field.invalid");
export const zOptionalDate = z.preprocess(blankToUndefined, zDate.optional());

export const zId = z.uuid("errors.field.invalid");

export const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const fromDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
