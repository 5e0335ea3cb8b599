"use client";
// Forms on a staff application page. Each posts to one server action; lib/ decides.
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import {
  askAction,
  assignReviewerAction,
  confirmDecisionAction,
  noteAction,
  recommendAction,
  returnDecisionAction,
  revealIdentityAction,
  screenAction,
  takeLeadAction,
  type IdentityState,
} from "@/app/(staff)/staff/actions";
import { ActionForm, StepUpLink } from "../forms/action-form";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, Textarea, describedBy, errorProps } from "../ui/field";

export function ScreeningForm({ applicationId, criteria }: { applicationId: string; criteria: { id: string; label: string }[] }) {
  const t = useTranslations("screening");
  return (
    <ActionForm action={screenAction} className="space-y-4" testId="screening-form">
      {(state, pending) => (
        <>
          <input type="hidden" name="applicationId" value={applicationId} />
          {criteria.map((c, i) => {
            const met = state.fieldErrors?.[`results.${c.id}.met`];
            const note = state.fieldErrors?.[`results.${c.id}.note`];
            return (
              <fieldset key={c.id} className="min-w-0 rounded-md p-3 ring-1 ring-slate-200">
                {/* Floated, a legend is laid out inside its box instead of across the top border. */}
                <legend className="float-left mb-2 w-full break-words text-sm font-medium">{i + 1}. {c.label}</legend>
                <div className="clear-both flex gap-4 text-sm">
                  <label className="flex items-center gap-1"><input type="radio" name={`results.${c.id}.met`} value="yes" {...errorProps(`screen-${c.id}-met`, met)} />{t("met")}</label>
                  <label className="flex items-center gap-1"><input type="radio" name={`results.${c.id}.met`} value="no" {...errorProps(`screen-${c.id}-met`, met)} />{t("notMet")}</label>
                </div>
                <FieldError id={`screen-${c.id}-met`} error={met} className="text-sm" />
                <Input aria-label={t("noteFor", { n: i + 1 })} name={`results.${c.id}.note`} placeholder={t("note")} className="mt-2 py-1" {...errorProps(`screen-${c.id}-note`, note)} />
                <FieldError id={`screen-${c.id}-note`} error={note} />
              </fieldset>
            );
          })}
          <Field id="screen-reasons" label={t("reasons")} hint={t("reasonsHint")} error={state.fieldErrors?.reasonsForApplicant}>
            <Textarea id="screen-reasons" name="reasonsForApplicant" rows={3} {...errorProps("screen-reasons", state.fieldErrors?.reasonsForApplicant, true)} />
          </Field>
          <Button type="submit" disabled={pending}>{t("record")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function AssignReviewerForm({ applicationId, candidates }: { applicationId: string; candidates: { id: string; name: string }[] }) {
  const t = useTranslations("reviewers");
  if (candidates.length === 0) return <p className="text-sm text-slate-600">{t("noCandidates")}</p>;
  return (
    <ActionForm action={assignReviewerAction} className="flex flex-wrap items-end gap-2" testId="assign-reviewer">
      {(state, pending) => (
        <>
          <input type="hidden" name="applicationId" value={applicationId} />
          <Field id="reviewer" label={t("reviewer")} error={state.fieldErrors?.reviewerId}>
            <Select id="reviewer" name="reviewerId" className="w-64" {...errorProps("reviewer", state.fieldErrors?.reviewerId)}>
              {candidates.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </Select>
          </Field>
          <Button type="submit" disabled={pending}>{t("assign")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function RecommendForm({ applicationId, requested, currency }: { applicationId: string; requested: string | null; currency: string }) {
  const t = useTranslations("decision");
  const [kind, setKind] = useState("APPROVE");
  return (
    <ActionForm action={recommendAction} className="space-y-3" testId="recommend-form">
      {(state, pending) => {
        const err = state.fieldErrors ?? {};
        return (
          <>
            <input type="hidden" name="applicationId" value={applicationId} />
            <div className="flex gap-4 text-sm" role="radiogroup" aria-label={t("kind")}>
              <label className="flex items-center gap-1"><input type="radio" name="kind" value="APPROVE" checked={kind === "APPROVE"} onChange={() => setKind("APPROVE")} />{t("approve")}</label>
              <label className="flex items-center gap-1"><input type="radio" name="kind" value="REJECT" checked={kind === "REJECT"} onChange={() => setKind("REJECT")} />{t("reject")}</label>
            </div>
            {kind === "APPROVE" ? (
              <Field id="decision-amount" label={t("amount", { currency })} hint={requested ? t("notAbove", { requested }) : undefined} error={err.amount}>
                <Input id="decision-amount" name="amount" inputMode="decimal" defaultValue={requested ?? ""} aria-invalid={Boolean(err.amount)} aria-describedby={describedBy("decision-amount", err.amount, true)} />
              </Field>
            ) : null}
            <Field id="decision-reasons" label={t("reasons")} hint={t("reasonsHint")} error={err.reasonsForApplicant}>
              <Textarea id="decision-reasons" name="reasonsForApplicant" rows={3} aria-invalid={Boolean(err.reasonsForApplicant)} aria-describedby={describedBy("decision-reasons", err.reasonsForApplicant, true)} />
            </Field>
            <Field id="decision-notes" label={t("internalNotes")} hint={t("internalHint")} error={err.internalNotes}>
              <Textarea id="decision-notes" name="internalNotes" rows={2} {...errorProps("decision-notes", err.internalNotes, true)} />
            </Field>
            <Button type="submit" disabled={pending}>{t("recommend")}</Button>
          </>
        );
      }}
    </ActionForm>
  );
}

export function ConfirmDecisionForms({ applicationId, decisionId }: { applicationId: string; decisionId: string }) {
  const t = useTranslations("decision");
  return (
    <div className="space-y-4" data-testid="confirm-decision">
      <ActionForm action={confirmDecisionAction}>
        {(_s, pending) => (
          <>
            <input type="hidden" name="applicationId" value={applicationId} />
            <input type="hidden" name="decisionId" value={decisionId} />
            <Button type="submit" disabled={pending}>{t("confirm")}</Button>
          </>
        )}
      </ActionForm>
      <ActionForm action={returnDecisionAction} className="space-y-2">
        {(state, pending) => (
          <>
            <input type="hidden" name="applicationId" value={applicationId} />
            <input type="hidden" name="decisionId" value={decisionId} />
            <Field id="return-note" label={t("returnNote")} error={state.fieldErrors?.note}>
              <Textarea id="return-note" name="note" rows={2} {...errorProps("return-note", state.fieldErrors?.note)} />
            </Field>
            <Button type="submit" variant="secondary" disabled={pending}>{t("return")}</Button>
          </>
        )}
      </ActionForm>
    </div>
  );
}

export function MessageForm({ applicationId, kind }: { applicationId: string; kind: "question" | "note" }) {
  const t = useTranslations("thread");
  const id = `message-${kind}`;
  return (
    <ActionForm action={kind === "question" ? askAction : noteAction} className="space-y-2" testId={`${kind}-form`}>
      {(state, pending) => (
        <>
          <input type="hidden" name="applicationId" value={applicationId} />
          <Field id={id} label={kind === "question" ? t("askLabel") : t("noteLabel")} hint={kind === "question" ? t("askHint") : t("noteHint")} error={state.fieldErrors?.body}>
            <Textarea id={id} name="body" rows={3} {...errorProps(id, state.fieldErrors?.body, true)} />
          </Field>
          <Button type="submit" variant={kind === "question" ? "primary" : "secondary"} disabled={pending}>
            {kind === "question" ? t("ask") : t("addNote")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

export function TakeLeadButton({ applicationId }: { applicationId: string }) {
  const t = useTranslations("identity");
  return (
    <ActionForm action={takeLeadAction}>
      {(_s, pending) => (
        <>
          <input type="hidden" name="applicationId" value={applicationId} />
          <Button type="submit" variant="secondary" disabled={pending}>{t("takeLead")}</Button>
        </>
      )}
    </ActionForm>
  );
}

const INITIAL: IdentityState = { status: "idle" };

export function IdentityReveal({ applicationId }: { applicationId: string }) {
  const t = useTranslations("identity");
  const [state, action, pending] = useActionState(revealIdentityAction, INITIAL);
  if (state.status === "ok") {
    const i = state.identity;
    return i ? (
      <dl className="grid gap-1 text-sm sm:grid-cols-2" data-testid="identity">
        <dt className="text-slate-600">{t("legalName")}</dt><dd>{i.legalName}</dd>
        <dt className="text-slate-600">{t("displayName")}</dt><dd>{i.displayName}</dd>
        <dt className="text-slate-600">{t("registrationNumber")}</dt><dd>{i.registrationNumber ?? "—"}</dd>
        <dt className="text-slate-600">{t("contact")}</dt><dd>{[i.contactName, i.contactEmail, i.contactPhone].filter(Boolean).join(" · ") || "—"}</dd>
      </dl>
    ) : (
      <Alert tone="warning">{t("erased")}</Alert>
    );
  }
  return (
    <form action={action} className="space-y-2">
      {state.status === "error" ? (
        <Alert tone="error">
          {state.message ?? t("notAllowed")}
          {state.code === "stepUpRequired" ? <StepUpLink /> : null}
        </Alert>
      ) : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <p className="text-sm text-slate-700">{t("revealHint")}</p>
      <Button type="submit" variant="secondary" disabled={pending}>{t("reveal")}</Button>
    </form>
  );
}
