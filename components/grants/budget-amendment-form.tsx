"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { proposeBudgetAction } from "@/app/(staff)/staff/grants/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, Textarea, errorProps } from "../ui/field";

const CATS = ["STAFF", "ACTIVITIES", "EQUIPMENT", "TRAVEL", "SECURITY", "OVERHEADS", "OTHER"] as const;
type Line = { category: string; description: string; amount: string };

export function BudgetAmendmentForm({ grantId, current }: { grantId: string; current: Line[] }) {
  const t = useTranslations("grantBudget");
  const tc = useTranslations("editor.categories");
  const [lines, setLines] = useState<Line[]>(current);
  const set = (i: number, patch: Partial<Line>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <ActionForm action={proposeBudgetAction} success={t("proposed")} className="space-y-2" testId="budget-amendment">
      {(state, pending) => {
        const err = (name: string, i: number) => state.fieldErrors?.[`${name}.${i}`];
        const cell = (name: string, i: number, control: React.ReactNode) => (
          <div>
            {control}
            <FieldError id={`amend-${i}-${name}`} error={err(name, i)} />
          </div>
        );
        return (
        <>
          <input type="hidden" name="grantId" value={grantId} />
          {state.fieldErrors?.lines ? <p className="text-sm text-red-700" role="alert">{state.fieldErrors.lines}</p> : null}
          {lines.map((l, i) => (
            <div key={i} className="grid gap-2 sm:grid-cols-[10rem_1fr_9rem_auto]">
              {cell("category", i, (
                <Select aria-label={t("categoryOf", { n: i + 1 })} name="category[]" value={l.category} onChange={(e) => set(i, { category: e.target.value })} {...errorProps(`amend-${i}-category`, err("category", i))}>
                  {CATS.map((c) => <option key={c} value={c}>{tc(c)}</option>)}
                </Select>
              ))}
              {cell("description", i, <Input aria-label={t("descriptionOf", { n: i + 1 })} name="description[]" value={l.description} onChange={(e) => set(i, { description: e.target.value })} {...errorProps(`amend-${i}-description`, err("description", i))} />)}
              {cell("lineAmount", i, <Input aria-label={t("amountOf", { n: i + 1 })} name="lineAmount[]" inputMode="decimal" value={l.amount} onChange={(e) => set(i, { amount: e.target.value })} {...errorProps(`amend-${i}-lineAmount`, err("lineAmount", i))} />)}
              <button type="button" className="text-sm text-red-700 underline" onClick={() => setLines(lines.filter((_, j) => j !== i))}>{t("remove")}</button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => setLines([...lines, { category: "OTHER", description: "", amount: "" }])}>{t("addLine")}</Button>
          <Field id="amend-reason" label={t("reason")} error={state.fieldErrors?.reason}>
            <Textarea id="amend-reason" name="reason" rows={2} {...errorProps("amend-reason", state.fieldErrors?.reason)} />
          </Field>
          <Button type="submit" disabled={pending}>{t("propose")}</Button>
        </>
        );
      }}
    </ActionForm>
  );
}
