"use client";
// Finance's steps on payment batches: gather payable tranches into a batch; another person
// releases it; finance may cancel it before release.
import { useTranslations } from "next-intl";
import { cancelBatchAction, prepareBatchAction, releaseBatchAction } from "@/app/(staff)/staff/batches/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, errorProps } from "../ui/field";
import { Table, Td, Th } from "../ui/table";

export type PayableRow = { trancheId: string; label: string; organisation: string; amount: string; account: string; kind: "SEPA" | "OTHER"; blocked: string | null };

export function PrepareBatchForm({ funderId, debtors, tranches, today }: {
  funderId: string;
  debtors: { id: string; label: string }[];
  tranches: PayableRow[];
  today: string;
}) {
  const t = useTranslations("batches");
  return (
    <ActionForm action={prepareBatchAction} className="space-y-4" testId="prepare-batch" success={t("prepared")}>
      {(state, pending) => (
        <>
          <input type="hidden" name="funderId" value={funderId} />
          <Table caption={t("payableTitle")}>
            <thead><tr><Th>{t("choose")}</Th><Th>{t("tranche")}</Th><Th>{t("organisation")}</Th><Th className="text-right">{t("amount")}</Th><Th>{t("account")}</Th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {tranches.map((r) => (
                <tr key={r.trancheId}>
                  <Td>
                    <input type="checkbox" name="trancheIds[]" value={r.trancheId} id={`bt-${r.trancheId}`} disabled={r.blocked !== null} aria-describedby={r.blocked ? `bt-${r.trancheId}-why` : undefined} />
                  </Td>
                  <Td><label htmlFor={`bt-${r.trancheId}`}>{r.label}</label>{r.blocked ? <span id={`bt-${r.trancheId}-why`} className="block text-xs text-amber-800">{t(`blocked.${r.blocked}`)}</span> : null}</Td>
                  <Td>{r.organisation}</Td>
                  <Td className="text-right whitespace-nowrap">{r.amount}</Td>
                  <Td><span className="font-mono">{r.account}</span> · {t(`kind.${r.kind}`)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <FieldError id="bt-trancheIds" error={state.fieldErrors?.trancheIds} />
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="bt-debtor" label={t("debtor")} error={state.fieldErrors?.debtorAccountId}>
              <Select id="bt-debtor" name="debtorAccountId" {...errorProps("bt-debtor", state.fieldErrors?.debtorAccountId)}>
                {debtors.map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
              </Select>
            </Field>
            <Field id="bt-kind" label={t("kindLabel")} error={state.fieldErrors?.kind}>
              <Select id="bt-kind" name="kind" defaultValue="SEPA" {...errorProps("bt-kind", state.fieldErrors?.kind)}>
                <option value="SEPA">{t("kind.SEPA")}</option>
                <option value="OTHER">{t("kind.OTHER")}</option>
              </Select>
            </Field>
            <Field id="bt-date" label={t("executionDate")} error={state.fieldErrors?.requestedExecutionDate}>
              <Input id="bt-date" name="requestedExecutionDate" type="date" defaultValue={today} {...errorProps("bt-date", state.fieldErrors?.requestedExecutionDate)} />
            </Field>
          </div>
          <Button type="submit" disabled={pending}>{t("prepare")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function BatchButtons({ batchId, canRelease, canCancel }: { batchId: string; canRelease: boolean; canCancel: boolean }) {
  const t = useTranslations("batches");
  return (
    <div className="flex flex-wrap gap-2">
      {canRelease ? (
        <ActionForm action={releaseBatchAction} testId="release-batch" success={t("released")}>
          {(_s, pending) => (<><input type="hidden" name="batchId" value={batchId} /><Button type="submit" disabled={pending}>{t("release")}</Button></>)}
        </ActionForm>
      ) : null}
      {canCancel ? (
        <ActionForm action={cancelBatchAction} testId="cancel-batch" success={t("cancelled")}>
          {(_s, pending) => (<><input type="hidden" name="batchId" value={batchId} /><Button type="submit" variant="secondary" disabled={pending}>{t("cancel")}</Button></>)}
        </ActionForm>
      ) : null}
    </div>
  );
}
