"use client";
import { useTranslations } from "next-intl";
import { removeAttachmentAction, uploadAttachmentAction } from "@/app/(applicant)/my/applications/actions";
import { ActionForm } from "../forms/action-form";
import { ButtonForm } from "../forms/confirm-button-form";
import { Button } from "../ui/button";
import { FieldError, errorProps } from "../ui/field";

export type AttachmentItem = { id: string; fileName: string; sizeBytes: number };

export function AttachmentsPanel({ applicationId, attachments, editable }: { applicationId: string; attachments: AttachmentItem[]; editable: boolean }) {
  const t = useTranslations("attachments");
  return (
    <div className="space-y-4">
      {attachments.length === 0 ? <p className="text-sm text-slate-600">{t("none")}</p> : null}
      <ul className="divide-y divide-slate-100" data-testid="attachments">
        {attachments.map((a) => (
          <li key={a.id} className="flex items-center justify-between gap-3 py-2 text-sm">
            <a href={`/api/files/${a.id}`} className="font-medium text-brand-700 underline">
              {a.fileName}
            </a>
            <span className="flex items-center gap-3 text-slate-600">
              {t("size", { kb: Math.max(1, Math.round(a.sizeBytes / 1024)) })}
              {editable ? (
                <ButtonForm action={removeAttachmentAction} fields={{ applicationId, attachmentId: a.id }}>
                  {t("remove")}
                </ButtonForm>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {editable ? (
        <ActionForm action={uploadAttachmentAction} success={t("uploaded")} className="space-y-2" testId="upload-form">
          {(state, pending) => (
            <>
              <input type="hidden" name="applicationId" value={applicationId} />
              <label htmlFor="attachment-file" className="block text-sm font-medium">
                {t("add")}
              </label>
              <input id="attachment-file" name="file" type="file" accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" className="block text-sm" {...errorProps("attachment-file", state.fieldErrors?.file, true)} />
              {state.fieldErrors?.file ? null : <p id="attachment-file-hint" className="text-xs text-slate-600">{t("hint")}</p>}
              <FieldError id="attachment-file" error={state.fieldErrors?.file} className="text-sm" />
              <Button type="submit" variant="secondary" disabled={pending}>
                {t("upload")}
              </Button>
            </>
          )}
        </ActionForm>
      ) : null}
    </div>
  );
}
