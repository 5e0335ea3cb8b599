"use client";
import { useLocale, useTranslations } from "next-intl";
import { confirmSignUpAction, registerAction } from "@/app/(public)/sign-up/actions";
import { IDLE_FORM } from "@/lib/form-state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Input, Select, describedBy } from "../ui/field";
import { LocaleOptions } from "../ui/locale-options";
import { useFormAction, useFormFeedback } from "./action-form";

// Applicants read Russian and Ukrainian first (issue 19).
const SIGN_UP_ORDER = ["ru", "uk", "en", "cs"] as const;

export function SignUpForm({ next }: { next?: string }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const [state, action, pending] = useFormAction(registerAction, IDLE_FORM);
  const { formRef, noteSubmitter, answer } = useFormFeedback(state);
  const err = state.fieldErrors ?? {};
  const v = state.values ?? {};
  if (state.status === "ok") {
    return (
      <Alert tone="success">
        {t("signUpSent")}
      </Alert>
    );
  }
  return (
    <form ref={formRef} action={action} onSubmit={noteSubmitter} className="space-y-4" noValidate>
      {answer}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field id="name" label={t("name")} error={err.name} hint={t("nameHint")}>
        <Input id="name" name="name" autoComplete="name" defaultValue={v.name} aria-invalid={Boolean(err.name)} aria-describedby={describedBy("name", err.name, true)} />
      </Field>
      <Field id="email" label={t("email")} error={err.email}>
        <Input id="email" name="email" type="email" autoComplete="email" defaultValue={v.email} aria-invalid={Boolean(err.email)} aria-describedby={describedBy("email", err.email)} />
      </Field>
      <Field id="password" label={t("password")} error={err.password} hint={t("passwordHint")}>
        <Input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={Boolean(err.password)} aria-describedby={describedBy("password", err.password, true)} />
      </Field>
      <Field id="locale" label={t("preferredLanguage")} error={err.locale}>
        <Select id="locale" name="locale" defaultValue={v.locale ?? locale} aria-invalid={Boolean(err.locale)} aria-describedby={describedBy("locale", err.locale)}>
          <LocaleOptions order={SIGN_UP_ORDER} />
        </Select>
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {t("createAccount")}
      </Button>
    </form>
  );
}

export function ConfirmSignUpForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useFormAction(confirmSignUpAction, IDLE_FORM);
  const { formRef, noteSubmitter, answer } = useFormFeedback(state);
  const err = state.fieldErrors ?? {};
  return (
    <form ref={formRef} action={action} onSubmit={noteSubmitter} className="space-y-4" noValidate>
      {answer}
      <input type="hidden" name="token" value={token} />
      <Field id="password" label={t("confirmPassword")} error={err.password} hint={t("confirmPasswordHint")}>
        <Input id="password" name="password" type="password" autoComplete="current-password" aria-invalid={Boolean(err.password)} aria-describedby={describedBy("password", err.password, true)} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {t("confirmSubmit")}
      </Button>
    </form>
  );
}
