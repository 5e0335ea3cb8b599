"use client";
// Create or edit a call: texts in English, Russian and Czech (Ukrainian optional), money rules and criteria.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { IDLE_FORM, type FormState } from "@/lib/form-state";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, Textarea, describedBy, errorProps } from "../ui/field";
import { useFormAction, useFormFeedback } from "../forms/action-form";

// Texts are written in every portal language (Ukrainian may stay empty: readers then see English).
const LANGS = LOCALES;
const OPTIONAL_LANG: Locale = "uk";
type Texts = Record<Locale, string>;
type Criterion = Texts & { weight?: string };

export type CallFormValues = {
  programmeId: string;
  kind: "REGULAR" | "EMERGENCY";
  title: Texts;
  summary: Texts;
  eligibilitySummary: Texts;
  languages: string[];
  opensAt: string;
  closesAt: string;
  envelope: string;
  minGrant: string;
  maxGrant: string;
  cofinancingPct: string;
  overheadLimitPct: string;
  eligibility: Criterion[];
  scoring: Criterion[];
};

type Props = {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  initial: CallFormValues;
  programmes: { id: string; name: string; available: string; currency: string }[];
  hidden?: Record<string, string>;
  criteriaLocked: boolean;
  submitLabel: string;
};

export function CallForm({ action, initial, programmes, hidden, criteriaLocked, submitLabel }: Props) {
  const t = useTranslations("callForm");
  const [state, formAction, pending] = useFormAction(action, IDLE_FORM);
  const [eligibility, setEligibility] = useState<Criterion[]>(initial.eligibility);
  const [scoring, setScoring] = useState<Criterion[]>(initial.scoring);
  const err = state.fieldErrors ?? {};
  const { formRef, noteSubmitter, answer } = useFormFeedback(state, t("saved"));
  const langLabel = (l: Locale) => (l === OPTIONAL_LANG ? t("langOptional", { lang: t(`lang.${l}`) }) : t(`lang.${l}`));
  const texts = (name: "title" | "summary" | "eligibilitySummary", multiline: boolean) => (
    <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <legend className="mb-1 text-sm font-medium">{t(`field.${name}`)}</legend>
      {LANGS.map((l) => {
        const id = `call-${name}-${l}`;
        const e = err[`${name}.${l}`];
        return (
          <Field key={l} id={id} label={langLabel(l)} error={e}>
            {multiline ? (
              <Textarea id={id} name={`${name}.${l}`} rows={3} defaultValue={initial[name][l]} aria-invalid={Boolean(e)} aria-describedby={describedBy(id, e)} />
            ) : (
              <Input id={id} name={`${name}.${l}`} defaultValue={initial[name][l]} aria-invalid={Boolean(e)} aria-describedby={describedBy(id, e)} />
            )}
          </Field>
        );
      })}
    </fieldset>
  );
  const input = (name: keyof CallFormValues, type = "text", hint?: string) => (
    <Field id={`call-${name}`} label={t(`field.${name}`)} error={err[name]} hint={hint}>
      <Input id={`call-${name}`} name={name} type={type} defaultValue={initial[name] as string} aria-invalid={Boolean(err[name])} aria-describedby={describedBy(`call-${name}`, err[name], hint)} />
    </Field>
  );
  const criteriaTable = (kind: "eligibility" | "scoring", rows: Criterion[], set: (c: Criterion[]) => void) => (
    // Locked criteria stay read-only but are still submitted with the form.
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t(`field.${kind}`)}</legend>
      <FieldError id={`call-${kind}`} error={err[kind]} className="text-sm" />
      {rows.map((row, i) => (
        <div key={i} className={`grid gap-2 ${kind === "scoring" ? "sm:grid-cols-[1fr_1fr_1fr_1fr_5rem_auto]" : "sm:grid-cols-[1fr_1fr_1fr_1fr_auto]"}`}>
          {LANGS.map((l) => (
            <div key={l}>
              <Input aria-label={t("criterionIn", { n: i + 1, lang: langLabel(l) })} name={`${kind}.${l}[]`} readOnly={criteriaLocked} value={row[l]} onChange={(e) => set(rows.map((r, j) => (j === i ? { ...r, [l]: e.target.value } : r)))} {...errorProps(`call-${kind}-${i}-${l}`, err[`${kind}.${l}.${i}`])} />
              <FieldError id={`call-${kind}-${i}-${l}`} error={err[`${kind}.${l}.${i}`]} />
            </div>
          ))}
          {kind === "scoring" ? (
            <div>
              <Input aria-label={t("weightOf", { n: i + 1 })} name="scoring.weight[]" inputMode="numeric" readOnly={criteriaLocked} value={row.weight ?? ""} onChange={(e) => set(rows.map((r, j) => (j === i ? { ...r, weight: e.target.value } : r)))} {...errorProps(`call-scoring-${i}-weight`, err[`scoring.weight.${i}`])} />
              <FieldError id={`call-scoring-${i}-weight`} error={err[`scoring.weight.${i}`]} />
            </div>
          ) : null}
          {criteriaLocked ? <span /> : <button type="button" className="text-sm text-red-700 underline" onClick={() => set(rows.filter((_, j) => j !== i))}>{t("remove")}</button>}
        </div>
      ))}
      {criteriaLocked ? null : <Button variant="secondary" onClick={() => set([...rows, { en: "", ru: "", cs: "", uk: "", weight: kind === "scoring" ? "10" : undefined }])}>{t("addCriterion")}</Button>}
    </fieldset>
  );
  return (
    <form ref={formRef} action={formAction} onSubmit={noteSubmitter} className="space-y-8" noValidate>
      {Object.entries(hidden ?? {}).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {answer}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="call-programmeId" label={t("field.programmeId")} error={err.programmeId}>
          <Select id="call-programmeId" name="programmeId" defaultValue={initial.programmeId} disabled={Boolean(hidden?.callId)} {...errorProps("call-programmeId", err.programmeId)}>
            {programmes.map((p) => <option key={p.id} value={p.id}>{t("programmeOption", { name: p.name, available: p.available, currency: p.currency })}</option>)}
          </Select>
        </Field>
        {hidden?.callId ? <input type="hidden" name="programmeId" value={initial.programmeId} /> : null}
        <Field id="call-kind" label={t("field.kind")} error={err.kind}>
          <Select id="call-kind" name="kind" defaultValue={initial.kind} {...errorProps("call-kind", err.kind)}>
            <option value="REGULAR">{t("regular")}</option>
            <option value="EMERGENCY">{t("emergency")}</option>
          </Select>
        </Field>
      </div>
      {texts("title", false)}
      {texts("summary", true)}
      {texts("eligibilitySummary", true)}
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium">{t("field.languages")}</legend>
        {LANGS.map((l) => (
          <label key={l} className="flex items-center gap-1"><input type="checkbox" name="languages[]" value={l} defaultChecked={initial.languages.includes(l)} {...errorProps("call-languages", err.languages)} />{t(`lang.${l}`)}</label>
        ))}
        <FieldError id="call-languages" error={err.languages} className="w-full text-sm" />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {input("opensAt", "datetime-local", t("zoneHint"))}
        {input("closesAt", "datetime-local", t("zoneHint"))}
        {input("envelope")}
        {input("minGrant")}
        {input("maxGrant")}
        {input("cofinancingPct", "text", t("percentHint"))}
        {input("overheadLimitPct", "text", t("percentHint"))}
      </div>
      {criteriaLocked ? <Alert tone="info">{t("criteriaLocked")}</Alert> : null}
      {criteriaTable("eligibility", eligibility, setEligibility)}
      {criteriaTable("scoring", scoring, setScoring)}
      <Button type="submit" disabled={pending}>{submitLabel}</Button>
    </form>
  );
}
