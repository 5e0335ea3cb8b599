"use client";
import { useTranslations } from "next-intl";
import { approvePaymentAction, decideBudgetAction, recordPaymentAction, requestPaymentAction, reversePaymentAction, setGrantStatusAction } from "@/app/(staff)/staff/grants/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, Textarea, errorProps } from "../ui/field";

export function TrancheStepButton({ step, grantId, trancheId }: { step: "request" | "approve"; grantId: string; trancheId: string }) {
  const t = useTranslations("payments");
  return (
    <ActionForm action={step === "request" ? requestPaymentAction : approvePaymentAction}>
      {(_s, pending) => (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          <input type="hidden" name="trancheId" value={trancheId} />
          <Button type="submit" variant="secondary" className="py-1" disabled={pending}>{t(step)}</Button>
        </>
      )}
    </ActionForm>
  );
}

/** The idempotency key is fixed when the form is rendered: a double click or a retry sends the same one. */
export function RecordPaymentForm({ grantId, trancheId, currency, idempotencyKey, today, startDate, startLabel }: { grantId: string; trancheId: string; currency: string; idempotencyKey: string; today: string; startDate: string; startLabel: string }) {
  const t = useTranslations("payments");
  return (
    <ActionForm action={recordPaymentAction} success={t("recorded")} className="grid gap-2 sm:grid-cols-2" testId={`record-${trancheId}`}>
      {(state, pending) => {
        // A refused form keeps what was typed.
        const v = state.status === "error" ? (state.values ?? {}) : {};
        return (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          <input type="hidden" name="trancheId" value={trancheId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <Field id={`vd-${trancheId}`} label={t("valueDate")} error={state.fieldErrors?.valueDate}>
            <Input id={`vd-${trancheId}`} name="valueDate" type="date" defaultValue={v.valueDate ?? today} {...errorProps(`vd-${trancheId}`, state.fieldErrors?.valueDate)} />
          </Field>
          <Field id={`br-${trancheId}`} label={t("bankReference")} error={state.fieldErrors?.bankReference}>
            <Input id={`br-${trancheId}`} name="bankReference" defaultValue={v.bankReference} {...errorProps(`br-${trancheId}`, state.fieldErrors?.bankReference)} />
          </Field>
          <Field id={`pc-${trancheId}`} label={t("paidCurrency", { currency })} error={state.fieldErrors?.paidCurrency}>
            <Input id={`pc-${trancheId}`} name="paidCurrency" placeholder={currency} defaultValue={v.paidCurrency} {...errorProps(`pc-${trancheId}`, state.fieldErrors?.paidCurrency)} />
          </Field>
          <Field id={`pa-${trancheId}`} label={t("paidAmount")} error={state.fieldErrors?.paidAmount}>
            <Input id={`pa-${trancheId}`} name="paidAmount" inputMode="decimal" defaultValue={v.paidAmount} {...errorProps(`pa-${trancheId}`, state.fieldErrors?.paidAmount)} />
          </Field>
          {(v.valueDate ?? today) < startDate ? (
            <label className="flex items-start gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="beforeStart" className="mt-1" />
              <span>{t("beforeStart", { date: startLabel })}</span>
            </label>
          ) : null}
          <div className="sm:col-span-2"><Button type="submit" disabled={pending}>{t("record")}</Button></div>
        </>
        );
      }}
    </ActionForm>
  );
}

export function ReverseForm({ grantId, ledgerEntryId, idempotencyKey, today }: { grantId: string; ledgerEntryId: string; idempotencyKey: string; today: string }) {
  const t = useTranslations("payments");
  return (
    <ActionForm action={reversePaymentAction} className="flex flex-wrap items-end gap-2">
      {(state, pending) => (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          <input type="hidden" name="ledgerEntryId" value={ledgerEntryId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="valueDate" value={today} />
          <div>
            <Input aria-label={t("reverseReason")} name="reason" placeholder={t("reverseReason")} className="w-56 py-1" {...errorProps(`reverse-${ledgerEntryId}`, state.fieldErrors?.reason)} />
            <FieldError id={`reverse-${ledgerEntryId}`} error={state.fieldErrors?.reason} />
          </div>
          <Button type="submit" variant="danger" className="py-1" disabled={pending}>{t("reverse")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function DecideBudgetButtons({ grantId, budgetId }: { grantId: string; budgetId: string }) {
  const t = useTranslations("grantBudget");
  return (
    <div className="flex gap-2">
      {(["confirm", "reject"] as const).map((d) => (
        <ActionForm key={d} action={decideBudgetAction}>
          {(_s, pending) => (
            <>
              <input type="hidden" name="grantId" value={grantId} />
              <input type="hidden" name="budgetId" value={budgetId} />
              <input type="hidden" name="decision" value={d} />
              <Button type="submit" variant={d === "confirm" ? "primary" : "secondary"} className="py-1" disabled={pending}>{t(d)}</Button>
            </>
          )}
        </ActionForm>
      ))}
    </div>
  );
}

export function GrantStatusForm({ grantId, options }: { grantId: string; options: string[] }) {
  const t = useTranslations("grantStatus");
  if (options.length === 0) return null;
  return (
    <ActionForm action={setGrantStatusAction} className="space-y-2">
      {(state, pending) => (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          <Field id="grant-status" label={t("change")} error={state.fieldErrors?.status}>
            <Select id="grant-status" name="status" {...errorProps("grant-status", state.fieldErrors?.status)}>{options.map((o) => <option key={o} value={o}>{t(`to.${o}`)}</option>)}</Select>
          </Field>
          <Field id="grant-status-reason" label={t("reason")} error={state.fieldErrors?.reason}>
            <Textarea id="grant-status-reason" name="reason" rows={2} {...errorProps("grant-status-reason", state.fieldErrors?.reason)} />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>{t("apply")}</Button>
        </>
      )}
    </ActionForm>
  );
}
