import { z } from "zod";
import {
  zCheckbox,
  zCountry,
  zCurrency,
  zDate,
  zId,
  zOptionalAmount,
  zOptionalCountry,
  zOptionalCurrency,
  zOptionalDate,
  zOptionalInt,
  zOptionalText,
  zRequiredText,
  zAmount,
  zVersion,
} from "../validation";
import { ZEmail } from "../auth/schemas";
import { centsOrNull } from "../amounts";

export const SECTORS = [
  "HUMAN_RIGHTS",
  "INDEPENDENT_MEDIA",
  "LEGAL_AID",
  "EDUCATION",
  "CULTURE",
  "ANTI_WAR",
  "ENVIRONMENT",
  "WOMENS_RIGHTS",
  "LGBTQ",
  "UKRAINE_SUPPORT",
  "OTHER",
] as const;

export const OPERATING_STATUSES = ["INSIDE_RUSSIA", "EXILE", "INTERMEDIARY"] as const;
export const US_DONORS = ["USAID", "NED", "STATE_DRL", "USAGM", "OTF", "IRI_NDI", "FREEDOM_HOUSE", "OTHER"] as const;

const thisYear = new Date().getUTCFullYear();

const profileFields = {
  displayName: zRequiredText(200),
  legalName: zRequiredText(300),
  operatingStatus: z.enum(OPERATING_STATUSES, "errors.field.required"),
  operatingCountry: zOptionalCountry,
  registrationCountry: zOptionalCountry,
  registrationNumber: zOptionalText(100),
  sectors: z.array(z.enum(SECTORS), "errors.field.sectors").min(1, "errors.field.sectors"),
  foundedYear: zOptionalInt(1800, thisYear),
  staffSize: zOptionalInt(0, 100_000),
  annualBudget: zOptionalAmount,
  annualBudgetCurrency: zOptionalCurrency,
  website: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.url({ protocol: /^https?$/, error: "errors.field.url" }).max(300, "errors.field.tooLong").optional(),
  ),
  contactName: zOptionalText(200),
  contactEmail: z.preprocess((v) => (v === "" ? undefined : v), ZEmail.optional()),
  contactPhone: zOptionalText(50),
  isProtected: zCheckbox,
  regionOnly: zCheckbox,
};

type ProfileShape = z.infer<z.ZodObject<typeof profileFields>>;

/** Inside Russia means RU; elsewhere the country is required; a budget needs a currency. */
function profileRules<T extends ProfileShape>(p: T, ctx: z.RefinementCtx) {
  if (!p.operatingCountry) ctx.addIssue({ code: "custom", path: ["operatingCountry"], message: "errors.field.required" });
  if (p.annualBudget && !p.annualBudgetCurrency) {
    ctx.addIssue({ code: "custom", path: ["annualBudgetCurrency"], message: "errors.field.required" });
  }
}
/** Inside Russia means RU; a currency without a budget means nothing (the form preselects one). */
const normaliseProfile = <T extends ProfileShape>(p: T): T => ({
  ...p,
  operatingCountry: p.operatingStatus === "INSIDE_RUSSIA" ? "RU" : p.operatingCountry,
  annualBudgetCurrency: p.annualBudget ? p.annualBudgetCurrency : undefined,
});

export const ZOrganisationProfile = z.object(profileFields).transform(normaliseProfile).superRefine(profileRules);
export type TOrganisationProfile = z.output<typeof ZOrganisationProfile>;

export const ZUpdateOrganisation = z
  .object({ ...profileFields, organisationId: zId, version: zVersion })
  .transform(normaliseProfile)
  .superRefine(profileRules);

export const ZLostFunding = z
  .object({
    organisationId: zId,
    donor: z.enum(US_DONORS, "errors.field.required"),
    donorOther: zOptionalText(200),
    programmeName: zRequiredText(300),
    annualAmount: zAmount,
    currency: zCurrency,
    startedOn: zOptionalDate,
    endedOn: zDate,
    purpose: zRequiredText(2000),
  })
  .superRefine((l, ctx) => {
    if (l.donor === "OTHER" && !l.donorOther) ctx.addIssue({ code: "custom", path: ["donorOther"], message: "errors.field.required" });
    const annual = centsOrNull(l.annualAmount);
    if (annual !== null && annual <= 0n) ctx.addIssue({ code: "custom", path: ["annualAmount"], message: "errors.field.positive" });
    if (l.startedOn && l.startedOn > l.endedOn) ctx.addIssue({ code: "custom", path: ["endedOn"], message: "errors.field.dateOrder" });
  });
export type TLostFunding = z.output<typeof ZLostFunding>;

export const ZRemoveLostFunding = z.object({ organisationId: zId, lostFundingId: zId });

export const ZInvite = z.object({
  organisationId: zId,
  email: ZEmail,
  role: z.enum(["ADMIN", "MEMBER"]).default("MEMBER"),
});

export const ZCountryCode = zCountry;

export const KEY_PERSON_ROLE_VALUES = ["DIRECTOR", "BOARD", "SIGNATORY", "ACCOUNT_HOLDER", "OTHER"] as const;
/** A key person, screened against the sanctions lists; the birth date is optional but improves matching. */
export const ZKeyPersonInput = z.object({
  organisationId: zId,
  role: z.enum(KEY_PERSON_ROLE_VALUES, "errors.field.required"),
  name: zRequiredText(200),
  latinName: zOptionalText(200),
  birthDate: zOptionalDate,
  nationality: zOptionalCountry,
});
export type TKeyPersonInput = z.output<typeof ZKeyPersonInput>;

export const ZRemoveKeyPerson = z.object({ organisationId: zId, personId: zId });

/** Former names, one per line. */
export const ZFormerNames = z.object({
  organisationId: zId,
  formerNames: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.string("errors.field.invalid").max(300, "errors.field.tooLong"), "errors.field.invalid").max(20, "errors.field.tooMany"),
  ),
});
