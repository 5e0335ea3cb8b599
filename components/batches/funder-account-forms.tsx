"use client";
// The funder admin's own accounts: the debtor of its payment files.
import { useTranslations } from "next-intl";
import { addFunderBankAccountAction, retireFunderBankAccountAction } from "@/app/(staff)/staff/bank-accounts/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Input, errorProps } from "../ui/field";

export function AddFunderAccountForm({ funderId }: { funderId: string }) {
  const t = useTranslations("batches");
  const field = (name: "holderName" | "iban" | "bic" | "currency", state: { fieldErrors?: Record<string, string> }, extra: { defaultValue?: string; autoComplete?: string } = {}) => (
    <Field id={`fa-${name}`} label={t(`debtorField.${name}`)} error={state.fieldErrors?.[name]}>
      <Input id={`fa-${name}`} name={name} {...extra} {...errorProps(`fa-${name}`, state.fieldErrors?.[name])} />
    </Field>
  );
  return (
    <ActionForm action={addFunderBankAccountAction} className="space-y-4" testId="add-funder-account" success={t("debtorAdded")}>
      {(state, pending) => (
        <>
          <input type="hidden" name="funderId" value={funderId} />
          <div className="grid gap-4 sm:grid-cols-2">
            {field("holderName", state, { autoComplete: "organization" })}
            {field("iban", state, { autoComplete: "off" })}
            {field("bic", state, { autoComplete: "off" })}
            {field("currency", state, { defaultValue: "EUR" })}
          </div>
          <Button type="submit" disabled={pending}>{t("addDebtor")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function RetireFunderAccountButton({ accountId }: { accountId: string }) {
  const t = useTranslations("batches");
  return (
    <ActionForm action={retireFunderBankAccountAction} testId="retire-funder-account">
      {(_s, pending) => (<><input type="hidden" name="accountId" value={accountId} /><Button type="submit" variant="secondary" disabled={pending}>{t("retireDebtor")}</Button></>)}
    </ActionForm>
  );
}
