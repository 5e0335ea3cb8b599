"use client";
// An approver's decision on a payee step (an account's verification, a grant's account): confirm or reject.
import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "../forms/action-form";
import { Button } from "../ui/button";

export function PayeeDecisionForm({ action, fields, testId }: { action: FormAction; fields: Record<string, string>; testId: string }) {
  const t = useTranslations("payees");
  return (
    <ActionForm action={action} className="flex flex-wrap gap-2" testId={testId} success={t("decided")}>
      {(_state, pending) => (
        <>
          {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <Button type="submit" name="accept" value="yes" disabled={pending}>{t("confirm")}</Button>
          <Button type="submit" name="accept" value="no" variant="secondary" disabled={pending}>{t("reject")}</Button>
        </>
      )}
    </ActionForm>
  );
}
