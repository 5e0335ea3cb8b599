"use client";
import { useTranslations } from "next-intl";
import { importSanctionsAction } from "@/app/(admin)/admin/sanctions/actions";
import { ActionForm } from "./action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Select, errorProps } from "../ui/field";

const SOURCES = ["eu-fsf", "un", "ofac-sdn", "ofac-csv", "uk-fcdo", "uk-ofsi", "ru-undesirable", "ru-foreign-agents"] as const;

export function SanctionsImportForm() {
  const t = useTranslations("sanctionsAdmin");
  return (
    <ActionForm action={importSanctionsAction} className="space-y-4" testId="sanctions-import">
      {(state, pending) => {
        // The import names the file it refused as "file"; the form's input is "files".
        const fileError = state.fieldErrors?.files ?? state.fieldErrors?.file;
        const done = state.status === "ok" && state.message ? (JSON.parse(state.message) as { unchanged: boolean; entries: number; added: number; removed: number; changed: number }) : null;
        return (
          <>
            {done ? <p className="text-sm text-green-800" role="status" data-testid="sanctions-imported">{done.unchanged ? t("unchanged") : t("imported", { entries: done.entries, added: done.added, removed: done.removed, changed: done.changed })}</p> : null}
            <Field id="sl-source" label={t("source")} error={state.fieldErrors?.source}>
              <Select id="sl-source" name="source" defaultValue="eu-fsf" {...errorProps("sl-source", state.fieldErrors?.source)}>
                {SOURCES.map((s) => <option key={s} value={s}>{t(`sources.${s}`)}</option>)}
              </Select>
            </Field>
            <div>
              <label htmlFor="sl-files" className="block text-sm font-medium">{t("files")}</label>
              <input id="sl-files" name="files[]" type="file" multiple accept=".xml,.csv,.json,text/xml,text/csv,application/json" className="mt-1 block text-sm" {...errorProps("sl-files", fileError, true)} />
              {fileError ? null : <p id="sl-files-hint" className="text-xs text-slate-600">{t("filesHint")}</p>}
              <FieldError id="sl-files" error={fileError} className="text-sm" />
            </div>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="allowShrink" value="on" />{t("allowShrink")}</label>
            <Button type="submit" disabled={pending}>{t("import")}</Button>
          </>
        );
      }}
    </ActionForm>
  );
}
