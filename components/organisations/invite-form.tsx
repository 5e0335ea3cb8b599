"use client";
import { useTranslations } from "next-intl";
import { inviteMemberAction } from "@/app/(applicant)/my/organisations/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Input, Select, describedBy } from "../ui/field";

export function InviteForm({ organisationId }: { organisationId: string }) {
  const t = useTranslations("members");
  return (
    <ActionForm action={inviteMemberAction} className="space-y-3" testId="invite-form">
      {(state, pending) => {
        const err = state.fieldErrors ?? {};
        return (
          <>
            {state.status === "ok" && state.message ? (
              <div className="rounded-md bg-green-50 p-3 text-sm text-green-900 ring-1 ring-green-200" role="status">
                <p>{t("linkCreated")}</p>
                <code className="mt-1 block break-all" data-testid="invite-link">{state.message}</code>
              </div>
            ) : null}
            <input type="hidden" name="organisationId" value={organisationId} />
            <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
              <Field id="invite-email" label={t("email")} error={err.email}>
                <Input id="invite-email" name="email" type="email" aria-invalid={Boolean(err.email)} aria-describedby={describedBy("invite-email", err.email)} />
              </Field>
              <Field id="invite-role" label={t("role")} error={err.role}>
                <Select id="invite-role" name="role" defaultValue="MEMBER" className="w-auto" aria-invalid={Boolean(err.role)} aria-describedby={describedBy("invite-role", err.role)}>
                  <option value="MEMBER">{t("roleMember")}</option>
                  <option value="ADMIN">{t("roleAdmin")}</option>
                </Select>
              </Field>
              <Button type="submit" disabled={pending}>
                {t("invite")}
              </Button>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
