"use client";
import { useTranslations } from "next-intl";
import { startApplicationAction } from "@/app/(applicant)/my/applications/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Select, errorProps } from "../ui/field";

export function StartApplicationForm({ callId, organisations }: { callId: string; organisations: { id: string; name: string }[] }) {
  const t = useTranslations("callDetail");
  return (
    <ActionForm action={startApplicationAction} className="space-y-3" testId="start-application">
      {(state, pending) => (
        <>
          <input type="hidden" name="callId" value={callId} />
          <Field id="apply-org" label={t("applyAs")} error={state.fieldErrors?.organisationId}>
            <Select id="apply-org" name="organisationId" {...errorProps("apply-org", state.fieldErrors?.organisationId)}>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>{o.name}</option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={pending}>
            {t("startApplication")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
