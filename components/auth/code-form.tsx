"use client";
import { useTranslations } from "next-intl";
import { verifyCodeAction } from "@/app/(public)/mfa/actions";
import { IDLE_FORM } from "@/lib/form-state";
import { Button } from "../ui/button";
import { Field, Input, describedBy } from "../ui/field";
import { useFormAction, useFormFeedback } from "../forms/action-form";

export function SecondFactorCodeForm({ next }: { next: string }) {
  const t = useTranslations("mfa");
  const [state, action, pending] = useFormAction(verifyCodeAction, IDLE_FORM);
  const err = state.fieldErrors?.code;
  const { formRef, noteSubmitter, answer } = useFormFeedback(state);
  return (
    <form ref={formRef} action={action} onSubmit={noteSubmitter} className="space-y-3" noValidate>
      {answer}
      <input type="hidden" name="next" value={next} />
      <Field id="mfa-code" label={t("codeOrRecovery")} hint={t("codeHint")} error={err}>
        <Input id="mfa-code" name="code" autoComplete="one-time-code" className="w-56" aria-invalid={Boolean(err)} aria-describedby={describedBy("mfa-code", err, true)} />
      </Field>
      <Button type="submit" disabled={pending}>{t("verify")}</Button>
    </form>
  );
}
