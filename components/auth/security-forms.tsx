"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { endSessionAction } from "@/app/(account)/account/actions";
import { regenerateCodesAction, removePasskeyAction, type EnrolState } from "@/app/(public)/mfa/actions";
import { ButtonForm } from "../forms/confirm-button-form";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { RecoveryCodes } from "./totp-enrol";

export function EndSessionButton({ handle }: { handle: string }) {
  const t = useTranslations("security");
  return <ButtonForm action={endSessionAction} fields={{ handle }}>{t("end")}</ButtonForm>;
}

export function RemovePasskeyButton({ passkeyId }: { passkeyId: string }) {
  const t = useTranslations("security");
  return <ButtonForm action={removePasskeyAction} fields={{ passkeyId }} confirm={t("removeConfirm")}>{t("remove")}</ButtonForm>;
}

const IDLE: EnrolState = { status: "idle" };

export function RegenerateCodes() {
  const t = useTranslations("security");
  const [state, action, pending] = useActionState(regenerateCodesAction, IDLE);
  if (state.codes) return <RecoveryCodes codes={state.codes} />;
  return (
    <form action={action} className="space-y-2">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>{t("regenerate")}</Button>
    </form>
  );
}
