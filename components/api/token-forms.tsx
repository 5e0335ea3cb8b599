"use client";
// The funder admin's API tokens: a new one is shown once, right after it is made.
import { useTranslations } from "next-intl";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(staff)/staff/api-tokens/actions";
import { API_SCOPES, SCOPE_TO_DB } from "@/lib/api/scopes";
import { ActionForm } from "../forms/action-form";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, FieldError, Input, errorProps } from "../ui/field";

export function CreateApiTokenForm({ funderId, defaultExpiry }: { funderId: string; defaultExpiry: string }) {
  const t = useTranslations("api");
  return (
    <ActionForm action={createApiTokenAction} className="space-y-4" testId="create-api-token">
      {(state, pending) => (
        <>
          {state.status === "ok" && state.values?.token ? (
            <Alert tone="success" focusable>
              <p>{t("tokens.created")}</p>
              <label htmlFor="new-api-token" className="mt-2 block text-sm font-medium">{t("tokens.newToken")}</label>
              <input id="new-api-token" readOnly value={state.values.token} className="mt-1 block w-full rounded-md bg-white px-3 py-2 font-mono text-sm ring-1 ring-slate-300" data-testid="new-api-token" />
            </Alert>
          ) : null}
          <input type="hidden" name="funderId" value={funderId} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="token-name" label={t("tokens.name")} error={state.fieldErrors?.name}>
              <Input id="token-name" name="name" maxLength={80} autoComplete="off" defaultValue={state.status === "error" ? state.values?.name : undefined} {...errorProps("token-name", state.fieldErrors?.name)} />
            </Field>
            <Field id="token-expires" label={t("tokens.expiresOn")} error={state.fieldErrors?.expiresOn}>
              <Input id="token-expires" name="expiresOn" type="date" defaultValue={(state.status === "error" ? state.values?.expiresOn : undefined) ?? defaultExpiry} {...errorProps("token-expires", state.fieldErrors?.expiresOn)} />
            </Field>
          </div>
          <fieldset className="space-y-2" aria-describedby={state.fieldErrors?.scopes ? "token-scopes-error" : undefined}>
            <legend className="text-sm font-medium">{t("tokens.scopes")}</legend>
            {API_SCOPES.map((s) => (
              <label key={s} className="flex min-h-6 items-center gap-2 text-sm">
                <input type="checkbox" name="scopes[]" value={s} className="h-4 w-4" />
                <span>{t(`scopeLabel.${SCOPE_TO_DB[s]}`)}</span>
                <code className="text-xs text-slate-600">{s}</code>
              </label>
            ))}
            <FieldError id="token-scopes" error={state.fieldErrors?.scopes} className="text-sm" />
          </fieldset>
          <Button type="submit" disabled={pending}>{t("tokens.create")}</Button>
        </>
      )}
    </ActionForm>
  );
}

export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("api.tokens");
  return (
    <ActionForm action={revokeApiTokenAction} testId="revoke-api-token">
      {(_s, pending) => (
        <>
          <input type="hidden" name="tokenId" value={tokenId} />
          <Button type="submit" variant="secondary" disabled={pending} aria-label={`${t("revoke")}: ${name}`}>{t("revoke")}</Button>
        </>
      )}
    </ActionForm>
  );
}
