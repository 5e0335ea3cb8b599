"use client";
// A refused report comes back with what was typed (narrative and spending), with or
// without JavaScript; only chosen files must be chosen again.
import { useTranslations } from "next-intl";
import { submitReportAction } from "@/app/(applicant)/my/grants/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Textarea, errorProps } from "../ui/field";

export function ReportForm({ reportId, lines, currency, initial }: { reportId: string; lines: { category: string; description: string; amount: string }[]; currency: string; initial?: { narrative: string | null; spent: string[] } }) {
  const t = useTranslations("reports");
  const tc = useTranslations("editor.categories");
  return (
    <ActionForm action={submitReportAction} className="space-y-4" testId="report-form">
      {(state, pending) => (
        <>
          <input type="hidden" name="reportId" value={reportId} />
          <Field id="report-narrative" label={t("narrative")} hint={t("narrativeHint")} error={state.fieldErrors?.narrative}>
            <Textarea id="report-narrative" name="narrative" rows={8} defaultValue={state.values?.narrative ?? initial?.narrative ?? ""} {...errorProps("report-narrative", state.fieldErrors?.narrative, true)} />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("financial")}</legend>
            <FieldError id="report-spent" error={state.fieldErrors?.spent} className="text-sm" />
            {lines.map((l, i) => (
              <div key={i} className="grid items-center gap-2 sm:grid-cols-[1fr_10rem_10rem]">
                <span className="text-sm">{tc(l.category)} · {l.description}</span>
                <span className="text-right text-sm text-slate-600">{t("approvedAmount", { amount: l.amount, currency })}</span>
                <div>
                  <Input id={`report-spent-${i}`} aria-label={t("spentOn", { line: l.description })} name="spent[]" inputMode="decimal" defaultValue={state.values?.[`spent.${i}`] ?? initial?.spent[i] ?? ""} {...errorProps(`report-spent-${i}`, state.fieldErrors?.[`spent.${i}`])} />
                  <FieldError id={`report-spent-${i}`} error={state.fieldErrors?.[`spent.${i}`]} />
                </div>
              </div>
            ))}
          </fieldset>
          <label htmlFor="report-files" className="block text-sm font-medium">{t("files")}</label>
          <input id="report-files" name="files[]" type="file" multiple accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" className="block text-sm" {...errorProps("report-files", state.fieldErrors?.file ?? state.fieldErrors?.files)} />
          <FieldError id="report-files" error={state.fieldErrors?.file ?? state.fieldErrors?.files} className="text-sm" />
          <Button type="submit" disabled={pending}>{t("submit")}</Button>
        </>
      )}
    </ActionForm>
  );
}
