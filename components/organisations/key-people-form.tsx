"use client";
// Adding a key person, and the organisation's former names: both screened against the
// sanctions lists (the funders see only whether a name matched, never the list itself).
import { useTranslations } from "next-intl";
import { addKeyPersonAction, saveFormerNamesAction } from "@/app/(applicant)/my/organisations/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Input, Select, Textarea, describedBy } from "../ui/field";

const ROLES = ["DIRECTOR", "BOARD", "SIGNATORY", "ACCOUNT_HOLDER", "OTHER"] as const;

export function KeyPersonForm({ organisationId, countries }: { organisationId: string; countries: { value: string; label: string }[] }) {
  const t = useTranslations("keyPeople");
  return (
    <ActionForm action={addKeyPersonAction} success={t("added")} className="space-y-4" testId="key-person-form">
      {(state, pending) => {
        const err = state.fieldErrors ?? {};
        const v = state.status === "error" ? (state.values ?? {}) : {};
        const aria = (name: string, hint?: boolean) => ({ "aria-invalid": Boolean(err[name]), "aria-describedby": describedBy(`kp-${name}`, err[name], hint) });
        return (
          <>
            <input type="hidden" name="organisationId" value={organisationId} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="kp-role" label={t("field.role")} error={err.role}>
                <Select id="kp-role" name="role" defaultValue={v.role ?? "DIRECTOR"} {...aria("role")}>
                  {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                </Select>
              </Field>
              <Field id="kp-name" label={t("field.name")} hint={t("nameHint")} error={err.name}>
                <Input id="kp-name" name="name" defaultValue={v.name} autoComplete="off" {...aria("name", true)} />
              </Field>
              <Field id="kp-latinName" label={t("field.latinName")} hint={t("latinNameHint")} error={err.latinName}>
                <Input id="kp-latinName" name="latinName" defaultValue={v.latinName} autoComplete="off" {...aria("latinName", true)} />
              </Field>
              <Field id="kp-birthDate" label={t("field.birthDate")} error={err.birthDate}>
                <Input id="kp-birthDate" name="birthDate" type="date" defaultValue={v.birthDate} {...aria("birthDate")} />
              </Field>
              <Field id="kp-nationality" label={t("field.nationality")} error={err.nationality}>
                <Select id="kp-nationality" name="nationality" defaultValue={v.nationality ?? ""} {...aria("nationality")}>
                  <option value="">—</option>
                  {countries.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
                </Select>
              </Field>
            </div>
            <Button type="submit" disabled={pending}>{t("add")}</Button>
          </>
        );
      }}
    </ActionForm>
  );
}

export function FormerNamesForm({ organisationId, formerNames }: { organisationId: string; formerNames: string[] }) {
  const t = useTranslations("keyPeople");
  return (
    <ActionForm action={saveFormerNamesAction} success={t("formerNamesSaved")} className="space-y-3" testId="former-names-form">
      {(state, pending) => (
        <>
          <input type="hidden" name="organisationId" value={organisationId} />
          <Field id="kp-formerNames" label={t("field.formerNames")} hint={t("formerNamesHint")} error={state.fieldErrors?.formerNames}>
            <Textarea id="kp-formerNames" name="formerNames" rows={3} defaultValue={formerNames.join("\n")} aria-invalid={Boolean(state.fieldErrors?.formerNames)} aria-describedby={describedBy("kp-formerNames", state.fieldErrors?.formerNames, true)} />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>{t("saveFormerNames")}</Button>
        </>
      )}
    </ActionForm>
  );
}
