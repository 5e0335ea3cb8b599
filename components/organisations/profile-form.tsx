"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { IDLE_FORM, type FormState } from "@/lib/form-state";
import type { Option } from "@/lib/countries";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, describedBy, errorProps } from "../ui/field";
import { useFormAction, useFormFeedback } from "../forms/action-form";

const STATUSES = ["INSIDE_RUSSIA", "EXILE", "INTERMEDIARY"] as const;
const SECTORS = ["HUMAN_RIGHTS", "INDEPENDENT_MEDIA", "LEGAL_AID", "EDUCATION", "CULTURE", "ANTI_WAR", "ENVIRONMENT", "WOMENS_RIGHTS", "LGBTQ", "UKRAINE_SUPPORT", "OTHER"] as const;

export type ProfileValues = {
  displayName?: string;
  legalName?: string;
  operatingStatus?: string;
  operatingCountry?: string;
  registrationCountry?: string;
  registrationNumber?: string;
  sectors?: string[];
  foundedYear?: string;
  staffSize?: string;
  annualBudget?: string;
  annualBudgetCurrency?: string;
  website?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  isProtected?: boolean;
  regionOnly?: boolean;
};

type Props = {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  initial: ProfileValues;
  hidden?: Record<string, string>;
  countries: Option[];
  currencies: readonly string[];
  submitLabel: string;
};

export function ProfileForm({ action, initial, hidden, countries, currencies, submitLabel }: Props) {
  const t = useTranslations("organisation");
  const [state, formAction, pending] = useFormAction(action, IDLE_FORM);
  const { formRef, noteSubmitter, answer } = useFormFeedback(state);
  // Chosen here, else as posted (a refused form drawn by the server, JavaScript off), else stored.
  const [chosenStatus, setStatus] = useState<string | null>(null);
  const status = chosenStatus ?? state.values?.operatingStatus ?? initial.operatingStatus ?? "EXILE";
  const err = state.fieldErrors ?? {};
  const v = { ...initial, ...(state.values ?? {}) } as ProfileValues & Record<string, unknown>;
  const text = (name: keyof ProfileValues, opts: { type?: string; autoComplete?: string; hint?: string } = {}) => (
    <Field id={`org-${name}`} label={t(`field.${name}`)} error={err[name]} hint={opts.hint}>
      <Input
        id={`org-${name}`}
        name={name}
        type={opts.type ?? "text"}
        autoComplete={opts.autoComplete ?? "off"}
        defaultValue={(v[name] as string | undefined) ?? ""}
        aria-invalid={Boolean(err[name])}
        aria-describedby={describedBy(`org-${name}`, err[name], opts.hint)}
      />
    </Field>
  );
  return (
    <form ref={formRef} action={formAction} onSubmit={noteSubmitter} className="space-y-8" noValidate>
      {Object.entries(hidden ?? {}).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      {answer}

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">{t("section.identity")}</legend>
        <p className="text-sm text-slate-600">{t("identityNote")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("displayName")}
          {text("legalName")}
          <Field id="org-registrationCountry" label={t("field.registrationCountry")} error={err.registrationCountry}>
            <Select id="org-registrationCountry" name="registrationCountry" defaultValue={v.registrationCountry ?? ""} {...errorProps("org-registrationCountry", err.registrationCountry)}>
              <option value="">{t("notRegistered")}</option>
              {countries.map((c) => (
                <option key={c.value} value={c.value}>{c.label}</option>
              ))}
            </Select>
          </Field>
          {text("registrationNumber")}
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">{t("section.where")}</legend>
        <div role="radiogroup" aria-label={t("field.operatingStatus")} className="grid gap-2 sm:grid-cols-3">
          {STATUSES.map((s) => (
            <label key={s} className="flex cursor-pointer items-start gap-2 rounded-md p-3 ring-1 ring-slate-300 has-[:checked]:ring-2 has-[:checked]:ring-brand-600">
              <input type="radio" name="operatingStatus" value={s} checked={status === s} onChange={() => setStatus(s)} className="mt-1" {...errorProps("org-operatingStatus", err.operatingStatus)} />
              <span>
                <span className="block text-sm font-medium">{t(`status.${s}`)}</span>
                <span className="block text-xs text-slate-600">{t(`statusHint.${s}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="org-operatingStatus" error={err.operatingStatus} className="text-sm" />
        {status !== "INSIDE_RUSSIA" ? (
          <Field id="org-operatingCountry" label={t("field.operatingCountry")} error={err.operatingCountry}>
            <Select id="org-operatingCountry" name="operatingCountry" defaultValue={v.operatingCountry && v.operatingCountry !== "RU" ? v.operatingCountry : ""} {...errorProps("org-operatingCountry", err.operatingCountry)}>
              <option value="">{t("choose")}</option>
              {countries.map((c) => (
                <option key={c.value} value={c.value}>{c.label}</option>
              ))}
            </Select>
          </Field>
        ) : null}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">{t("field.sectors")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {SECTORS.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="sectors[]" value={s} defaultChecked={(initial.sectors ?? []).includes(s)} {...errorProps("org-sectors", err.sectors)} />
              {t(`sector.${s}`)}
            </label>
          ))}
        </div>
        <FieldError id="org-sectors" error={err.sectors} className="text-sm" />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">{t("section.facts")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("foundedYear", { type: "number" })}
          {text("staffSize", { type: "number" })}
          {text("annualBudget", { hint: t("amountHint") })}
          <Field id="org-annualBudgetCurrency" label={t("field.annualBudgetCurrency")} error={err.annualBudgetCurrency}>
            <Select id="org-annualBudgetCurrency" name="annualBudgetCurrency" defaultValue={v.annualBudgetCurrency ?? "EUR"} {...errorProps("org-annualBudgetCurrency", err.annualBudgetCurrency)}>
              {currencies.map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </Select>
          </Field>
          {text("website", { type: "url" })}
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">{t("section.contact")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("contactName", { autoComplete: "name" })}
          {text("contactEmail", { type: "email", autoComplete: "email" })}
          {text("contactPhone", { type: "tel", autoComplete: "tel" })}
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
        <legend className="sr-only">{t("section.protection")}</legend>
        <label className="flex items-start gap-3">
          <input type="checkbox" name="isProtected" defaultChecked={initial.isProtected} className="mt-1" />
          <span>
            <span className="block font-medium">{t("field.isProtected")}</span>
            <span className="block text-sm text-slate-700">{t("protectedHint")}</span>
          </span>
        </label>
        <label className="flex items-start gap-3">
          <input type="checkbox" name="regionOnly" defaultChecked={initial.regionOnly} className="mt-1" />
          <span>
            <span className="block font-medium">{t("field.regionOnly")}</span>
            <span className="block text-sm text-slate-700">{t("regionOnlyHint")}</span>
          </span>
        </label>
      </fieldset>

      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
