"use client";
import { useTranslations } from "next-intl";
import { acceptInvitationAction } from "@/app/(public)/invitations/[token]/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("members");
  return (
    <ActionForm action={acceptInvitationAction}>
      {(_s, pending) => (
        <>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" disabled={pending}>{t("accept")}</Button>
        </>
      )}
    </ActionForm>
  );
}
