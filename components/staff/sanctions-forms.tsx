"use client";
// The two review steps of a sanctions match: the officer's proposal, the approver's decision.
import { useTranslations } from "next-intl";
import { decideSanctionsAction, proposeSanctionsAction } from "@/app/(staff)/staff/sanctions/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, FieldError, Textarea, errorProps } from "../ui/field";

export function ProposeOutcomeForm({ matchId, version }: { matchId: string; version: number }) {
  const t = useTranslations("sanctions");
  return (
    <ActionForm action={proposeSanctionsAction} className="space-y-4" testId="propose-outcome" success={t("proposed")}>
      {(state, pending) => (
        <>
          <input type="hidden" name="matchId" value={matchId} />
          <input type="hidden" name="version" value={version} />
          <fieldset>
            <legend className="text-sm font-medium">{t("outcome")}</legend>
            <div className="mt-2 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-1"><input type="radio" name="outcome" value="clear" {...errorProps("sanctions-outcome", state.fieldErrors?.outcome)} />{t("outcomeClear")}</label>
              <label className="flex items-center gap-1"><input type="radio" name="outcome" value="match" {...errorProps("sanctions-outcome", state.fieldErrors?.outcome)} />{t("outcomeMatch")}</label>
            </div>
            <FieldError id="sanctions-outcome" error={state.fieldErrors?.outcome} />
          </fieldset>
          <Field id="sanctions-reason" label={t("reason")} hint={t("reasonHint")} error={state.fieldErrors?.reason}>
            <Textarea id="sanctions-reason" name="reason" rows={3} {...errorProps("sanctions-reason", state.fieldErrors?.reason, true)} />
          </Field>
          <Button type="submit" disabled={pending}>{t("propose")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function DecideOutcomeForm({ matchId, version, proposal }: { matchId: string; version: number; proposal: "CLEAR_PROPOSED" | "MATCH_PROPOSED" }) {
  const t = useTranslations("sanctions");
  return (
    <ActionForm action={decideSanctionsAction} className="flex flex-wrap gap-2" testId="decide-outcome" success={t("decided")}>
      {(_state, pending) => (
        <>
          <input type="hidden" name="matchId" value={matchId} />
          <input type="hidden" name="version" value={version} />
          <Button type="submit" name="accept" value="yes" disabled={pending}>{proposal === "CLEAR_PROPOSED" ? t("confirmClear") : t("confirmMatch")}</Button>
          <Button type="submit" name="accept" value="no" variant="secondary" disabled={pending}>{t("returnProposal")}</Button>
        </>
      )}
    </ActionForm>
  );
}
