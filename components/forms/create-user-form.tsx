"use client";
import { useTranslations } from "next-intl";
import { createUserAction } from "@/app/(admin)/admin/actions";
import { ActionForm } from "./action-form";
import { Button } from "../ui/button";
import { Field, Input, Select, describedBy } from "../ui/field";
import { LocaleOptions } from "../ui/locale-options";

export function CreateUserForm() {
  const t = useTranslations("admin");
  return (
    <ActionForm action={createUserAction} success={t("userCreated")} className="grid gap-4 sm:grid-cols-2" testId="create-user">
      {(state, pending) => {
        const err = state.fieldErrors ?? {};
        const v = state.status === "error" ? (state.values ?? {}) : {};
        return (
          <>
            <Field id="new-email" label={t("email")} error={err.email}>
              <Input id="new-email" name="email" type="email" defaultValue={v.email} aria-invalid={Boolean(err.email)} aria-describedby={describedBy("new-email", err.email)} />
            </Field>
            <Field id="new-name" label={t("name")} error={err.name}>
              <Input id="new-name" name="name" defaultValue={v.name} aria-invalid={Boolean(err.name)} aria-describedby={describedBy("new-name", err.name)} />
            </Field>
            <Field id="new-password" label={t("initialPassword")} error={err.password} hint={t("passwordHint")}>
              <Input id="new-password" name="password" type="password" autoComplete="new-password" aria-invalid={Boolean(err.password)} aria-describedby={describedBy("new-password", err.password, true)} />
            </Field>
            <Field id="new-locale" label={t("language")} error={err.locale}>
              <Select id="new-locale" name="locale" defaultValue={v.locale ?? "en"} aria-invalid={Boolean(err.locale)} aria-describedby={describedBy("new-locale", err.locale)}>
                <LocaleOptions />
              </Select>
            </Field>
            <div className="sm:col-span-2">
              <Button type="submit" disabled={pending}>
                {t("createUser")}
              </Button>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
