"use client";
// Finance records how it verified a payee account (an approver, another person, decides it:
// decision-form.tsx); finance or an approver withdraws a confirmed verification.
import { useTranslations } from "next-intl";
import { recordPayeeVerificationAction, revokePayeeVerificationAction } from "@/app/(staff)/staff/payees/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Select, Textarea, errorProps } from "../ui/field";

const METHODS = ["CALL_BACK", "BANK_LETTER", "OTHER"] as const;

export function RecordVerificationForm({ accountId, funderId }: { accountId: string; funderId: string }) {
  const t = useTranslations("payees");
  return (
    <ActionForm action={recordPayeeVerificationAction} className="space-y-4" testId="record-verification" success={t("recorded")}>
      {(state, pending) => (
        <>
          <input type="hidden" name="accountId" value={accountId} />
          <input type="hidden" name="funderId" value={funderId} />
          <Field id="pv-method" label={t("field.method")} error={state.fieldErrors?.method}>
            <Select id="pv-method" name="method" defaultValue="CALL_BACK" {...errorProps("pv-method", state.fieldErrors?.method)}>
              {METHODS.map((m) => <option key={m} value={m}>{t(`method.${m}`)}</option>)}
            </Select>
          </Field>
          <Field id="pv-note" label={t("field.note")} hint={t("noteHint")} error={state.fieldErrors?.note}>
            <Textarea id="pv-note" name="note" rows={3} {...errorProps("pv-note", state.fieldErrors?.note, true)} />
          </Field>
          <Button type="submit" disabled={pending}>{t("record")}</Button>
        </>
      )}
    </ActionForm>
  );
}

const REASONS = ["SUSPECTED_FRAUD", "ACCOUNT_CLOSED", "DETAILS_WRONG", "OTHER"] as const;

export function RevokeVerificationForm({ accountId, verificationId }: { accountId: string; verificationId: string }) {
  const t = useTranslations("payees");
  return (
    <ActionForm action={revokePayeeVerificationAction} className="space-y-3" testId="revoke-verification" success={t("revoked")}>
      {(state, pending) => (
        <>
          <h3 className="text-sm font-semibold">{t("revokeTitle")}</h3>
          <p className="text-sm text-slate-700">{t("revokeIntro")}</p>
          <input type="hidden" name="accountId" value={accountId} />
          <input type="hidden" name="verificationId" value={verificationId} />
          <Field id="pv-revoke-reason" label={t("revokeReason")} error={state.fieldErrors?.reason}>
            <Select id="pv-revoke-reason" name="reason" defaultValue="SUSPECTED_FRAUD" {...errorProps("pv-revoke-reason", state.fieldErrors?.reason)}>
              {REASONS.map((r) => <option key={r} value={r}>{t(`revocationReason.${r}`)}</option>)}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>{t("revoke")}</Button>
        </>
      )}
    </ActionForm>
  );
}
