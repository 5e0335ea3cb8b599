"use client";
import { useTranslations } from "next-intl";
import { eraseOrganisationAction } from "@/app/(admin)/admin/actions";
import { ActionForm } from "./action-form";
import { Button } from "../ui/button";
import { FieldError, Input, errorProps } from "../ui/field";

export function EraseForm({ organisationId, codename }: { organisationId: string; codename: string }) {
  const t = useTranslations("erase");
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-red-700">{t("open")}</summary>
      <ActionForm action={eraseOrganisationAction} success={t("done")} className="mt-2 space-y-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200">
        {(state, pending) => (
          <>
            <p className="text-sm text-red-900">{t("warning", { codename })}</p>
            <input type="hidden" name="organisationId" value={organisationId} />
            <Input aria-label={t("reason")} name="reason" placeholder={t("reason")} {...errorProps(`erase-${organisationId}-reason`, state.fieldErrors?.reason)} />
            <FieldError id={`erase-${organisationId}-reason`} error={state.fieldErrors?.reason} />
            <Input aria-label={t("typeErase")} name="confirm" placeholder="ERASE" className="w-40" {...errorProps(`erase-${organisationId}-confirm`, state.fieldErrors?.confirm)} />
            <FieldError id={`erase-${organisationId}-confirm`} error={state.fieldErrors?.confirm} />
            <Button type="submit" variant="danger" disabled={pending}>{t("submit")}</Button>
          </>
        )}
      </ActionForm>
    </details>
  );
}
