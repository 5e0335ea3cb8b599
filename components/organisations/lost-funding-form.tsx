"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { addLostFundingAction } from "@/app/(applicant)/my/organisations/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { Field, Input, Select, Textarea, describedBy } from "../ui/field";

const DONORS = ["USAID", "NED", "STATE_DRL", "USAGM", "OTF", "IRI_NDI", "FREEDOM_HOUSE", "OTHER"] as const;

export function LostFundingForm({ organisationId, currencies }: { organisationId: string; currencies: readonly string[] }) {
  const t = useTranslations("lostFunding");
  // Chosen here, else as posted (a refused form drawn by the server, JavaScript off), else the first.
  const [chosenDonor, setDonor] = useState<string | null>(null);
  return (
    <ActionForm action={addLostFundingAction} success={t("added")} className="space-y-4" testId="lost-funding-form">
      {(state, pending) => {
        const err = state.fieldErrors ?? {};
        const v = state.status === "error" ? (state.values ?? {}) : {};
        const field = (name: string, input: React.ReactNode, hint?: string) => (
          <Field id={`lf-${name}`} label={t(`field.${name}`)} error={err[name]} hint={hint}>
            {input}
          </Field>
        );
        const donor = chosenDonor ?? v.donor ?? "USAID";
        const aria = (name: string, hint?: boolean) => ({ "aria-invalid": Boolean(err[name]), "aria-describedby": describedBy(`lf-${name}`, err[name], hint) });
        return (
          <>
            <input type="hidden" name="organisationId" value={organisationId} />
            <div className="grid gap-4 sm:grid-cols-2">
              {field(
                "donor",
                <Select id="lf-donor" name="donor" value={donor} onChange={(e) => setDonor(e.target.value)} {...aria("donor")}>
                  {DONORS.map((d) => (
                    <option key={d} value={d}>{t(`donor.${d}`)}</option>
                  ))}
                </Select>,
              )}
              {donor === "OTHER" ? field("donorOther", <Input id="lf-donorOther" name="donorOther" defaultValue={v.donorOther} {...aria("donorOther")} />) : null}
              {field("programmeName", <Input id="lf-programmeName" name="programmeName" defaultValue={v.programmeName} {...aria("programmeName")} />)}
              {field("annualAmount", <Input id="lf-annualAmount" name="annualAmount" inputMode="decimal" defaultValue={v.annualAmount} {...aria("annualAmount")} />)}
              {field(
                "currency",
                <Select id="lf-currency" name="currency" defaultValue={v.currency ?? "USD"} {...aria("currency")}>
                  {currencies.map((c) => (
                    <option key={c} value={c}>{c}</option>
                  ))}
                </Select>,
              )}
              {field("startedOn", <Input id="lf-startedOn" name="startedOn" type="date" defaultValue={v.startedOn} {...aria("startedOn")} />)}
              {field("endedOn", <Input id="lf-endedOn" name="endedOn" type="date" defaultValue={v.endedOn} {...aria("endedOn")} />)}
            </div>
            {field("purpose", <Textarea id="lf-purpose" name="purpose" defaultValue={v.purpose} {...aria("purpose", true)} />, t("purposeHint"))}
            <Button type="submit" disabled={pending}>
              {t("add")}
            </Button>
          </>
        );
      }}
    </ActionForm>
  );
}
