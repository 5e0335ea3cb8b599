"use client";
import { useTranslations } from "next-intl";
import { endSessionsAction, grantRoleAction, revokeRoleAction, setUserDisabledAction } from "@/app/(admin)/admin/actions";
import { ActionForm } from "./action-form";
import { FieldError, Select, errorProps } from "../ui/field";

const ROLES = ["OFFICER", "REVIEWER", "APPROVER", "FINANCE", "AUDITOR", "FUNDER_ADMIN"] as const;

type Props = {
  userId: string;
  email: string;
  disabled: boolean;
  self: boolean;
  roles: { id: string; role: string; funderCode: string }[];
  funders: { id: string; code: string; name: string }[];
};

export function UserRoleControls({ userId, email, disabled, self, roles, funders }: Props) {
  const t = useTranslations("admin");
  const tr = useTranslations("roles");
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-2">
        {roles.map((r) => (
          <li key={r.id}>
            <ActionForm action={revokeRoleAction} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs">
              {() => (
                <>
                  <input type="hidden" name="roleId" value={r.id} />
                  <span>
                    {tr(r.role)} · {r.funderCode}
                  </span>
                  <button type="submit" className="rounded-full px-1.5 text-slate-600 hover:bg-slate-200 hover:text-red-700" aria-label={t("revokeRole", { role: tr(r.role), funder: r.funderCode, email })}>
                    ×
                  </button>
                </>
              )}
            </ActionForm>
          </li>
        ))}
      </ul>
      <ActionForm action={grantRoleAction} className="flex flex-wrap items-center gap-2">
        {(state, pending) => (
          <>
            <input type="hidden" name="userId" value={userId} />
            <Select name="funderId" aria-label={t("funderFor", { email })} className="w-auto py-1" {...errorProps(`grant-${userId}-funder`, state.fieldErrors?.funderId)}>
              {funders.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.code}
                </option>
              ))}
            </Select>
            <Select name="role" aria-label={t("roleFor", { email })} className="w-auto py-1" {...errorProps(`grant-${userId}-role`, state.fieldErrors?.role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </Select>
            <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
              {t("grantRole")}
            </button>
            <FieldError id={`grant-${userId}-funder`} error={state.fieldErrors?.funderId} className="w-full" />
            <FieldError id={`grant-${userId}-role`} error={state.fieldErrors?.role} className="w-full" />
          </>
        )}
      </ActionForm>
      {self ? null : (
        <ActionForm action={endSessionsAction} success={t("sessionsEnded")}>
          {(_s, pending) => (
            <>
              <input type="hidden" name="userId" value={userId} />
              <button type="submit" disabled={pending} className="text-xs font-medium text-brand-700 underline">
                {t("endSessions")}
              </button>
            </>
          )}
        </ActionForm>
      )}
      {self ? null : (
        <ActionForm action={setUserDisabledAction}>
          {(_s, pending) => (
            <>
              <input type="hidden" name="userId" value={userId} />
              <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
              <button type="submit" disabled={pending} className="text-xs font-medium text-red-700 underline">
                {disabled ? t("enableUser") : t("disableUser")}
              </button>
            </>
          )}
        </ActionForm>
      )}
    </div>
  );
}
