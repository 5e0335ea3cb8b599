"use client";
import { useTranslations } from "next-intl";
import { importFxAction } from "@/app/(admin)/admin/actions";
import { ActionForm } from "./action-form";
import { Button } from "../ui/button";
import { FieldError, errorProps } from "../ui/field";

export function FxImportForm() {
  const t = useTranslations("fx");
  return (
    <ActionForm action={importFxAction} className="space-y-2" testId="fx-import">
      {(state, pending) => (
        <>
          {state.status === "ok" ? <p className="text-sm text-green-800" role="status">{t("imported", { count: state.message ?? "0" })}</p> : null}
          <label htmlFor="fx-file" className="block text-sm font-medium">{t("file")}</label>
          <input id="fx-file" name="file" type="file" accept=".csv,text/csv" className="block text-sm" {...errorProps("fx-file", state.fieldErrors?.file, true)} />
          {state.fieldErrors?.file ? null : <p id="fx-file-hint" className="text-xs text-slate-600">{t("hint")}</p>}
          <FieldError id="fx-file" error={state.fieldErrors?.file} className="text-sm" />
          <Button type="submit" disabled={pending}>{t("import")}</Button>
        </>
      )}
    </ActionForm>
  );
}
