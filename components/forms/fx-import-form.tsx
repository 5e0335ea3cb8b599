"use client";
import { useTranslations } from "next-intl";
import { importFxAction } from "@/app/(admin)/admin/actions";
import { ActionForm } from "./action-form";
import { Button } from "../ui/button";

export function FxImportForm() {
  const t = useTranslations("fx");
  return (
    <ActionForm action={importFxAction} className="space-y-2" testId="fx-import">
      {(state, pending) => (
        <>
          {state.status === "ok" ? <p className="text-sm text-green-800" role="status">{t("imported", { count: state.message ?? "0" })}</p> : null}
          <label htmlFor="fx-file" className="block text-sm font-medium">{t("file")}</label>
          <input id="fx-file" name="file" type="file" accept=".csv,text/csv" className="block text-sm" aria-describedby="fx-hint" />
          <p id="fx-hint" className="text-xs text-slate-600">{t("hint")}</p>
          {state.fieldErrors?.file ? <p className="text-sm text-red-700" role="alert">{state.fieldErrors.file}</p> : null}
          <Button type="submit" disabled={pending}>{t("import")}</Button>
        </>
      )}
    </ActionForm>
  );
}
