"use client";
// Finance's steps on bank statements: upload one (the portal books what it recognises), and
// decide each line it could not: book it to the payment offered, or dismiss it.
import { useTranslations } from "next-intl";
import { confirmLineAction, dismissLineAction, importStatementAction } from "@/app/(staff)/staff/statements/actions";
import { ActionForm } from "../forms/action-form";
import { Button } from "../ui/button";
import { FieldError, errorProps } from "../ui/field";

type Imported = { alreadyImported: boolean; booked: number; returned: number; unmatched: number; repeated: number; ignored: number };

export function StatementUploadForm({ funderId }: { funderId: string }) {
  const t = useTranslations("statements");
  return (
    <ActionForm action={importStatementAction} className="space-y-4" testId="statement-upload">
      {(state, pending) => {
        const done = state.status === "ok" && state.message ? (JSON.parse(state.message) as Imported) : null;
        return (
          <>
            {done ? (
              <p className="text-sm text-green-800" role="status" data-testid="statement-imported">
                {done.alreadyImported ? t("alreadyImported") : t("imported", { booked: done.booked, returned: done.returned, unmatched: done.unmatched, repeated: done.repeated, ignored: done.ignored })}
              </p>
            ) : null}
            <input type="hidden" name="funderId" value={funderId} />
            <div>
              <label htmlFor={`st-file-${funderId}`} className="block text-sm font-medium">{t("file")}</label>
              <input id={`st-file-${funderId}`} name="file" type="file" accept=".xml,text/xml,application/xml" className="mt-1 block text-sm" {...errorProps(`st-file-${funderId}`, state.fieldErrors?.file, true)} />
              {state.fieldErrors?.file ? null : <p id={`st-file-${funderId}-hint`} className="text-xs text-slate-600">{t("fileHint")}</p>}
              <FieldError id={`st-file-${funderId}`} error={state.fieldErrors?.file} className="text-sm" />
            </div>
            <Button type="submit" disabled={pending}>{t("upload")}</Button>
          </>
        );
      }}
    </ActionForm>
  );
}

export function LineButtons({ lineId, canConfirm }: { lineId: string; canConfirm: boolean }) {
  const t = useTranslations("statements");
  return (
    <div className="flex flex-wrap gap-2">
      {canConfirm ? (
        <ActionForm action={confirmLineAction} testId="confirm-line" success={t("confirmed")}>
          {(_s, pending) => (<><input type="hidden" name="lineId" value={lineId} /><Button type="submit" disabled={pending}>{t("confirm")}</Button></>)}
        </ActionForm>
      ) : null}
      <ActionForm action={dismissLineAction} testId="dismiss-line" success={t("dismissed")}>
        {(_s, pending) => (<><input type="hidden" name="lineId" value={lineId} /><Button type="submit" variant="secondary" disabled={pending}>{t("dismiss")}</Button></>)}
      </ActionForm>
    </div>
  );
}
