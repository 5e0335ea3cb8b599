"use client";
import { useTranslations } from "next-intl";
import { saveEmailPreferencesAction } from "@/app/(account)/notifications/actions";
import { ActionForm } from "@/components/forms/action-form";
import { Button } from "@/components/ui/button";
import { Field, Select, errorProps } from "@/components/ui/field";
import { LocaleOptions } from "@/components/ui/locale-options";

export function EmailPreferencesForm({ mode, emailLocale, digestAllowed }: { mode: "off" | "each" | "digest"; emailLocale: string; digestAllowed: boolean }) {
  const t = useTranslations("notifications");
  return (
    <ActionForm action={saveEmailPreferencesAction} success={t("saved")} className="grid gap-4 sm:grid-cols-3" testId="email-preferences">
      {(state, pending) => (
        <>
          <Field id="mode" label={t("emailMode")} error={state.fieldErrors?.mode}>
            <Select id="mode" name="mode" defaultValue={mode} {...errorProps("mode", state.fieldErrors?.mode)}>
              <option value="each">{t("modeEach")}</option>
              {digestAllowed ? <option value="digest">{t("modeDigest")}</option> : null}
              <option value="off">{t("modeOff")}</option>
            </Select>
          </Field>
          <Field id="emailLocale" label={t("emailLocale")} error={state.fieldErrors?.emailLocale}>
            <Select id="emailLocale" name="emailLocale" defaultValue={emailLocale} {...errorProps("emailLocale", state.fieldErrors?.emailLocale)}>
              <LocaleOptions />
            </Select>
          </Field>
          <div className="flex items-end">
            <Button type="submit" disabled={pending}>
              {t("save")}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
