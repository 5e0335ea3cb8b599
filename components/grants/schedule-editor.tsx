"use client";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { saveScheduleAction } from "@/app/(staff)/staff/grants/actions";
import { formatAmount, fromCents, normaliseAmount, toCents } from "@/lib/amounts";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { FieldError, Input, Select, errorProps } from "../ui/field";

type Row = { amount: string; date: string; condition: string };

type Props = { grantId: string; version: number; amount: string; currency: string; lockedTotal: string; firstNumber: number; initial: Row[] };

const startRows = (initial: Row[]): Row[] => (initial.length ? initial : [{ amount: "", date: "", condition: "NONE" }]);

export function ScheduleEditor({ grantId, version, amount, currency, lockedTotal, firstNumber, initial }: Props) {
  const t = useTranslations("schedule");
  const locale = useLocale();
  const [rows, setRows] = useState<Row[]>(() => startRows(initial));
  // Once a save (anyone's) has moved the grant to a new version, the editor shows what is
  // stored, not what was typed before it.
  const [shownVersion, setShownVersion] = useState(version);
  if (shownVersion !== version) {
    setShownVersion(version);
    setRows(startRows(initial));
  }
  const total = useMemo(() => rows.reduce((acc, r) => acc + (normaliseAmount(r.amount) ? toCents(normaliseAmount(r.amount)!) : 0n), toCents(lockedTotal)), [rows, lockedTotal]);
  const diff = toCents(amount) - total;
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <ActionForm action={saveScheduleAction} success={t("saved")} className="space-y-3" testId="schedule-editor">
      {(state, pending) => (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          <input type="hidden" name="version" value={version} />
          {state.fieldErrors?.tranches ? <p className="text-sm text-red-700" role="alert">{state.fieldErrors.tranches}</p> : null}
          {rows.map((r, i) => (
            <div key={i} className="grid gap-2 sm:grid-cols-[1fr_1fr_1.5fr_auto]">
              <div>
                <Input aria-label={t("amountOf", { n: firstNumber + i })} name="amount[]" inputMode="decimal" value={r.amount} onChange={(e) => set(i, { amount: e.target.value })} {...errorProps(`tranche-${i}-amount`, state.fieldErrors?.[`amount.${i}`])} />
                <FieldError id={`tranche-${i}-amount`} error={state.fieldErrors?.[`amount.${i}`]} />
              </div>
              <div>
                <Input aria-label={t("dateOf", { n: firstNumber + i })} name="date[]" type="date" value={r.date} onChange={(e) => set(i, { date: e.target.value })} {...errorProps(`tranche-${i}-date`, state.fieldErrors?.[`date.${i}`])} />
                <FieldError id={`tranche-${i}-date`} error={state.fieldErrors?.[`date.${i}`]} />
              </div>
              <div>
                <Select aria-label={t("conditionOf", { n: firstNumber + i })} name="condition[]" value={r.condition} onChange={(e) => set(i, { condition: e.target.value })} {...errorProps(`tranche-${i}-condition`, state.fieldErrors?.[`condition.${i}`])}>
                  {["NONE", "INTERIM_REPORT_ACCEPTED", "FINAL_REPORT_ACCEPTED"].map((c) => <option key={c} value={c}>{t(`condition.${c}`)}</option>)}
                </Select>
                <FieldError id={`tranche-${i}-condition`} error={state.fieldErrors?.[`condition.${i}`]} />
              </div>
              <button type="button" className="text-sm text-red-700 underline" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t("remove")}</button>
            </div>
          ))}
          <p className={`text-sm ${diff === 0n ? "text-green-800" : "text-amber-800"}`} aria-live="polite">
            {diff === 0n ? t("balanced", { amount: `${formatAmount(amount, locale)} ${currency}` }) : t("unbalanced", { diff: `${formatAmount(fromCents(diff), locale)} ${currency}` })}
          </p>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setRows([...rows, { amount: "", date: "", condition: "NONE" }])}>{t("add")}</Button>
            <Button type="submit" disabled={pending}>{t("save")}</Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
