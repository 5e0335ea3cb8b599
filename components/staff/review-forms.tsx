"use client";
import { useTranslations } from "next-intl";
import { declareInterestAction, submitReviewAction } from "@/app/(staff)/staff/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Select, Textarea, errorProps } from "../ui/field";

export function DeclareInterestForm({ assignmentId }: { assignmentId: string }) {
  const t = useTranslations("reviewPage");
  return (
    <ActionForm action={declareInterestAction} className="space-y-3" testId="coi-form">
      {(state, pending) => (
        <>
          <input type="hidden" name="assignmentId" value={assignmentId} />
          <fieldset className="space-y-2 text-sm">
            <legend className="font-medium">{t("coiQuestion")}</legend>
            <label className="flex items-center gap-2"><input type="radio" name="conflict" value="no" {...errorProps("coi-conflict", state.fieldErrors?.conflict)} />{t("noConflict")}</label>
            <label className="flex items-center gap-2"><input type="radio" name="conflict" value="yes" {...errorProps("coi-conflict", state.fieldErrors?.conflict)} />{t("hasConflict")}</label>
            <FieldError id="coi-conflict" error={state.fieldErrors?.conflict} className="text-sm" />
          </fieldset>
          <Field id="coi-note" label={t("conflictNote")} hint={t("conflictHint")} error={state.fieldErrors?.note}>
            <Textarea id="coi-note" name="note" rows={2} {...errorProps("coi-note", state.fieldErrors?.note, true)} />
          </Field>
          <Button type="submit" disabled={pending}>{t("declare")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function ScoreForm({ assignmentId, criteria }: { assignmentId: string; criteria: { id: string; label: string; weight: string }[] }) {
  const t = useTranslations("reviewPage");
  const tr = useTranslations("reviewers.recommendation");
  return (
    <ActionForm action={submitReviewAction} className="space-y-4" testId="score-form">
      {(state, pending) => (
        <>
          <input type="hidden" name="assignmentId" value={assignmentId} />
          {criteria.map((c, i) => {
            const score = state.fieldErrors?.[`scores.${c.id}.score`];
            const comment = state.fieldErrors?.[`scores.${c.id}.comment`];
            return (
            <fieldset key={c.id} className="min-w-0 rounded-md p-3 ring-1 ring-slate-200">
              <legend className="float-left mb-2 w-full break-words text-sm font-medium">{c.label} <span className="text-slate-600">({t("weight", { weight: c.weight })})</span></legend>
              <div className="clear-both flex flex-wrap gap-3 text-sm">
                {[0, 1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="flex items-center gap-1">
                    <input type="radio" name={`scores.${c.id}.score`} value={n} aria-label={t("scoreOf", { n, criterion: i + 1 })} {...errorProps(`score-${c.id}`, score)} />
                    {n}
                  </label>
                ))}
              </div>
              <FieldError id={`score-${c.id}`} error={score} className="text-sm" />
              <Textarea aria-label={t("commentOn", { criterion: c.label })} name={`scores.${c.id}.comment`} rows={2} className="mt-2" {...errorProps(`score-${c.id}-comment`, comment)} />
              <FieldError id={`score-${c.id}-comment`} error={comment} />
            </fieldset>
            );
          })}
          <Field id="review-recommendation" label={t("recommendation")} error={state.fieldErrors?.recommendation}>
            <Select id="review-recommendation" name="recommendation" defaultValue="" {...errorProps("review-recommendation", state.fieldErrors?.recommendation)}>
              <option value="" disabled>{t("choose")}</option>
              <option value="FUND">{tr("FUND")}</option>
              <option value="FUND_WITH_CHANGES">{tr("FUND_WITH_CHANGES")}</option>
              <option value="DO_NOT_FUND">{tr("DO_NOT_FUND")}</option>
            </Select>
          </Field>
          <Field id="review-comment" label={t("overall")} error={state.fieldErrors?.comment}>
            <Textarea id="review-comment" name="comment" rows={4} {...errorProps("review-comment", state.fieldErrors?.comment)} />
          </Field>
          <Button type="submit" disabled={pending}>{t("submit")}</Button>
        </>
      )}
    </ActionForm>
  );
}
