"use client";
// A grant's payee account: a member (or finance) asks for one of the organisation's accounts
// (an approver decides it: decision-form.tsx).
import { useTranslations } from "next-intl";
import { requestGrantPayeeAction } from "@/app/(applicant)/my/grants/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Select, errorProps } from "../ui/field";

export function RequestGrantPayeeForm({ grantId, choices }: { grantId: string; choices: { id: string; masked: string }[] }) {
  const t = useTranslations("payees");
  return (
    <ActionForm action={requestGrantPayeeAction} className="flex flex-wrap items-end gap-3" testId="request-grant-payee" success={t("requested")}>
      {(state, pending) => (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          <Field id="gp-account" label={t("field.account")} error={state.fieldErrors?.accountId}>
            <Select id="gp-account" name="accountId" {...errorProps("gp-account", state.fieldErrors?.accountId)}>
              {choices.map((c) => <option key={c.id} value={c.id}>{c.masked}</option>)}
            </Select>
          </Field>
          <Button type="submit" disabled={pending}>{t("request")}</Button>
        </>
      )}
    </ActionForm>
  );
}
