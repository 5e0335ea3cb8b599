"use client";
import { useTranslations } from "next-intl";
import { answerClarificationAction } from "@/app/(applicant)/my/applications/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Textarea, describedBy } from "../ui/field";

export function AnswerForm({ applicationId, questionId }: { applicationId: string; questionId: string }) {
  const t = useTranslations("clarification");
  const id = `answer-${questionId}`;
  return (
    <ActionForm action={answerClarificationAction} className="space-y-2" testId="answer-form">
      {(state, pending) => (
        <>
          <input type="hidden" name="applicationId" value={applicationId} />
          <input type="hidden" name="questionId" value={questionId} />
          <Field id={id} label={t("yourAnswer")} error={state.fieldErrors?.body}>
            <Textarea id={id} name="body" rows={4} defaultValue={state.values?.body} aria-invalid={Boolean(state.fieldErrors?.body)} aria-describedby={describedBy(id, state.fieldErrors?.body)} />
          </Field>
          <label htmlFor={`${id}-files`} className="block text-sm font-medium">
            {t("attachFiles")}
          </label>
          <input id={`${id}-files`} name="files[]" type="file" multiple accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" className="block text-sm" />
          {state.fieldErrors?.file ? <p className="text-sm text-red-700" role="alert">{state.fieldErrors.file}</p> : null}
          <Button type="submit" disabled={pending}>
            {t("send")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
