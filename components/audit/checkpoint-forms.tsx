"use client";
// The audit page's two checkpoint forms: sign now, and verify against a file one holds.
import { useTranslations } from "next-intl";
import { signCheckpointsAction, verifyCheckpointsAction } from "@/app/(audit)/audit/actions";
import { ActionForm } from "../forms/action-form";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function SignCheckpointsForm() {
  const t = useTranslations("audit");
  return (
    <ActionForm action={signCheckpointsAction} testId="sign-checkpoints" className="flex flex-wrap items-center gap-2">
      {(state, pending) => (
        <>
          <input type="hidden" name="scope" value="now" />
          <Button type="submit" variant="secondary" disabled={pending}>{t("signNow")}</Button>
          {state.status === "ok" && state.message ? <span role="status" className="text-sm text-emerald-800">{state.message}</span> : null}
        </>
      )}
    </ActionForm>
  );
}

export function VerifyCheckpointsForm() {
  const t = useTranslations("audit");
  return (
    <ActionForm action={verifyCheckpointsAction} className="space-y-3" testId="verify-checkpoints">
      {(state, pending) => (
        <>
          {state.status === "ok" && state.message ? <div data-testid="verify-result"><Alert tone="success">{state.message}</Alert></div> : null}
          <Field id="held-file" label={t("verifyFile")} error={state.fieldErrors?.file}>
            <input id="held-file" name="file" type="file" accept=".json,application/json" className="block text-sm" aria-invalid={state.fieldErrors?.file ? true : undefined} />
          </Field>
          <Button type="submit" disabled={pending}>{t("verifyButton")}</Button>
        </>
      )}
    </ActionForm>
  );
}
