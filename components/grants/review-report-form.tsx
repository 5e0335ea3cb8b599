"use client";
import { useTranslations } from "next-intl";
import { reviewReportAction } from "@/app/(staff)/staff/grants/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Textarea, errorProps } from "../ui/field";

export function ReviewReportForm({ reportId }: { reportId: string }) {
  const t = useTranslations("reports");
  return (
    <ActionForm action={reviewReportAction} className="space-y-2" testId="review-report">
      {(state, pending) => (
        <>
          <input type="hidden" name="reportId" value={reportId} />
          <Field id="report-note" label={t("reviewNote")} hint={t("reviewNoteHint")} error={state.fieldErrors?.note}>
            <Textarea id="report-note" name="note" rows={2} {...errorProps("report-note", state.fieldErrors?.note, true)} />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" name="decision" value="accept" disabled={pending}>{t("accept")}</Button>
            <Button type="submit" name="decision" value="changes" variant="secondary" disabled={pending}>{t("askChanges")}</Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
