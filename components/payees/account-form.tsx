"use client";
// An organisation adds a bank account for payments: SEPA (IBAN, optional BIC) or another
// account (number, bank, SWIFT/BIC, bank country, currency). Field errors come translated.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { addPayeeAccountAction } from "@/app/(applicant)/my/organisations/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Input, Select, describedBy } from "../ui/field";

export function PayeeAccountForm({ organisationId, countries, currencies }: { organisationId: string; countries: { value: string; label: string }[]; currencies: readonly string[] }) {
  const t = useTranslations("payees");
  const [kind, setKind] = useState<"sepa" | "other">("sepa");
  return (
    <ActionForm action={addPayeeAccountAction} success={t("added")} className="space-y-4" testId="payee-account-form">
      {(state, pending) => {
        const err = state.fieldErrors ?? {};
        const v = state.status === "error" ? (state.values ?? {}) : {};
        const aria = (name: string, hint?: boolean) => ({ "aria-invalid": Boolean(err[name]), "aria-describedby": describedBy(`pa-${name}`, err[name], hint) });
        const text = (name: string, hint?: string) => (
          <Field id={`pa-${name}`} label={t(`field.${name}`)} error={err[name]} hint={hint}>
            <Input id={`pa-${name}`} name={name} defaultValue={v[name]} autoComplete="off" spellCheck={false} {...aria(name, Boolean(hint))} />
          </Field>
        );
        return (
          <>
            <input type="hidden" name="organisationId" value={organisationId} />
            <Field id="pa-kind" label={t("field.kind")} error={err.kind}>
              <Select id="pa-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value === "other" ? "other" : "sepa")} {...aria("kind")}>
                <option value="sepa">{t("kind.SEPA")}</option>
                <option value="other">{t("kind.OTHER")}</option>
              </Select>
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              {text("holderName", t("holderHint"))}
              {kind === "sepa" ? (
                <>
                  {text("iban")}
                  {text("bic", t("bicOptional"))}
                </>
              ) : (
                <>
                  {text("accountNumber")}
                  {text("bankName")}
                  {text("bic")}
                  <Field id="pa-bankCountry" label={t("field.bankCountry")} error={err.bankCountry}>
                    <Select id="pa-bankCountry" name="bankCountry" defaultValue={v.bankCountry ?? ""} {...aria("bankCountry")}>
                      <option value="">—</option>
                      {countries.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
                    </Select>
                  </Field>
                  <Field id="pa-currency" label={t("field.currency")} error={err.currency}>
                    <Select id="pa-currency" name="currency" defaultValue={v.currency ?? "USD"} {...aria("currency")}>
                      {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
                    </Select>
                  </Field>
                </>
              )}
            </div>
            <Button type="submit" disabled={pending}>{t("add")}</Button>
          </>
        );
      }}
    </ActionForm>
  );
}
