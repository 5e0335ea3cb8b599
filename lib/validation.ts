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

/** A calendar date as YYYY-MM-DD. */
export const zDate = z.string("errors.field.required").regex(/^\d{4}-\d{2}-\d{2}$/, "errors.field.date").refine(
  (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)),
  "errors.field.date",
);
export const zOptionalDate = z.preprocess(blankToUndefined, zDate.optional());

export const zId = z.uuid("errors.field.invalid");

export const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const fromDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
