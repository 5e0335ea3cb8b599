"use client";
import Link from "next/link";
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { requestResetAction } from "@/app/(public)/forgot-password/actions";
import { resetPasswordAction } from "@/app/(public)/reset-password/actions";
import { IDLE_FORM } from "@/lib/form-state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Input, describedBy } from "../ui/field";
import { useFormAction, useFormFeedback } from "./action-form";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useFormAction(requestResetAction, IDLE_FORM);
  const { formRef, noteSubmitter, answer } = useFormFeedback(state);
  const err = state.fieldErrors ?? {};
  if (state.status === "ok") return <Alert tone="success">{t("forgotSent")}</Alert>;
  return (
    <form ref={formRef} action={action} onSubmit={noteSubmitter} className="space-y-4" noValidate>
      {answer}
      <Field id="email" label={t("email")} error={err.email}>
        <Input id="email" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} aria-invalid={Boolean(err.email)} aria-describedby={describedBy("email", err.email)} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {t("forgotSubmit")}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useFormAction(resetPasswordAction, IDLE_FORM);
  const err = state.fieldErrors ?? {};
  // A spent or unknown link has no field of its own: its message is the answer's.
  const answered = useMemo(() => (state.fieldErrors?.token ? { ...state, message: state.fieldErrors.token } : state), [state]);
  const { formRef, noteSubmitter, answer } = useFormFeedback(answered);
  if (state.status === "ok") {
    return (
      <Alert tone="success">
        {t("resetDone")}{" "}
        <Link href="/sign-in" className="font-semibold underline">
          {t("signIn")}
        </Link>
      </Alert>
    );
  }
  return (
    <form ref={formRef} action={action} onSubmit={noteSubmitter} className="space-y-4" noValidate>
      {answer}
      <input type="hidden" name="token" value={token} />
      <Field id="password" label={t("newPassword")} error={err.password} hint={t("passwordHint")}>
        <Input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={Boolean(err.password)} aria-describedby={describedBy("password", err.password, true)} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {t("resetSubmit")}
      </Button>
    </form>
  );
}
