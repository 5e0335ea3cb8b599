"use client";
import { useTranslations } from "next-intl";
import { signInAction } from "@/app/(public)/sign-in/actions";
import { IDLE_FORM } from "@/lib/form-state";
import { Button } from "../ui/button";
import { Field, Input, describedBy } from "../ui/field";
import { useFormAction, useFormFeedback } from "./action-form";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useFormAction(signInAction, IDLE_FORM);
  const { formRef, noteSubmitter, answer } = useFormFeedback(state);
  const err = state.fieldErrors ?? {};
  return (
    <form ref={formRef} action={action} onSubmit={noteSubmitter} className="space-y-4" noValidate>
      {answer}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field id="email" label={t("email")} error={err.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email ?? ""}
          aria-invalid={Boolean(err.email)}
          aria-describedby={describedBy("email", err.email)}
        />
      </Field>
      <Field id="password" label={t("password")} error={err.password}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(err.password)}
          aria-describedby={describedBy("password", err.password)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
