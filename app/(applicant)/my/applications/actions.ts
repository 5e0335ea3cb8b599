"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { fieldsUnder, formValues, runAction, type FormState } from "@/lib/action";
import { addApplicationAttachment, removeApplicationAttachment } from "@/lib/applications/attachments";
import { answerClarification } from "@/lib/applications/clarifications";
import { applyRowIntent, readDraftForm, type EditorContent } from "@/lib/applications/draft-form";
import { saveDraft, startApplication, submitApplication, withdrawApplication } from "@/lib/applications/commands";
import { ZAnswer, ZApplicationVersion, ZSaveDraft, ZStartApplication } from "@/lib/applications/schemas";
import { zId } from "@/lib/validation";

export async function startApplicationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZStartApplication, formValues(fd), (input, actor) => startApplication(actor, input));
  if (!r.ok) return r.state;
  redirect(`/my/applications/${r.data}`);
}

export type SaveResult =
  | { status: "saved"; version: number; lastEditedAt: string; lastEditedBy: string }
  | (FormState & { status: "error" });

/** Called by the editor with the whole draft (autosave and the Save button); field errors name the editor's fields ("requestedAmount"), as submission's do. */
export async function saveDraftAction(input: { applicationId: string; version: number; content: EditorContent }): Promise<SaveResult> {
  const r = await runAction(ZSaveDraft, input, (data, actor) => saveDraft(actor, data.applicationId, data.version, data.content), { fieldName: fieldsUnder("content") });
  if (!r.ok) return { ...r.state, status: "error" };
  return { status: "saved", version: r.data.version, lastEditedAt: r.data.lastEditedAt.toISOString(), lastEditedBy: r.data.lastEditedBy };
}

export async function submitApplicationAction(input: { applicationId: string; version: number }): Promise<FormState> {
  const r = await runAction(ZApplicationVersion, input, (data, actor) => submitApplication(actor, data.applicationId, data.version));
  if (!r.ok) return r.state;
  revalidatePath(`/my/applications/${input.applicationId}`);
  return { status: "ok" };
}

export type DraftFormState = FormState & {
  /** The draft as it was posted, shown again in the editor (a refused save loses nothing). */
  content?: EditorContent;
  version?: number;
  /** The draft was stored although what followed (submission) was refused. */
  saved?: boolean;
};

/**
 * The editor's form posted without JavaScript (decision 0029). Add and remove row buttons
 * only send the rows back (nothing is stored, so no actor is needed: the answer holds only
 * what was sent); Save stores the draft as saveDraftAction does; Submit saves, then submits.
 * Stored: back to the page (a reload does not post again).
 */
export async function postDraftAction(_prev: DraftFormState, fd: FormData): Promise<DraftFormState> {
  const form = readDraftForm(formValues(fd));
  const { applicationId, intent, content } = form;
  if (intent.kind === "addLine" || intent.kind === "removeLine") return { status: "ok", content: applyRowIntent(content, intent), version: form.version };
  const saved = await runAction(ZSaveDraft, { applicationId, version: form.version, content }, (data, actor) => saveDraft(actor, data.applicationId, data.version, data.content), {
    fieldName: fieldsUnder("content"),
  });
  if (!saved.ok) return { ...saved.state, content, version: form.version };
  if (intent.kind === "submit") {
    const submitted = await runAction(ZApplicationVersion, { applicationId, version: saved.data.version }, (data, actor) => submitApplication(actor, data.applicationId, data.version));
    if (!submitted.ok) return { ...submitted.state, content, version: saved.data.version, saved: true };
  }
  revalidatePath(`/my/applications/${applicationId}`);
  redirect(`/my/applications/${applicationId}`);
}

export async function withdrawApplicationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZApplicationVersion, formValues(fd), (data, actor) => withdrawApplication(actor, data.applicationId, data.version));
  if (!r.ok) return r.state;
  revalidatePath(`/my/applications/${String(fd.get("applicationId"))}`);
  return { status: "ok" };
}

const ZUpload = z.object({ applicationId: zId, file: z.instanceof(File, { message: "errors.file.empty" }) });

export async function uploadAttachmentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZUpload, formValues(fd), (data, actor) => addApplicationAttachment(actor, data.applicationId, data.file));
  if (!r.ok) return r.state;
  revalidatePath(`/my/applications/${String(fd.get("applicationId"))}`);
  return { status: "ok" };
}

const ZRemoveAttachment = z.object({ applicationId: zId, attachmentId: zId });

export async function removeAttachmentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZRemoveAttachment, formValues(fd), (data, actor) => removeApplicationAttachment(actor, data.attachmentId));
  if (!r.ok) return r.state;
  revalidatePath(`/my/applications/${String(fd.get("applicationId"))}`);
  return { status: "ok" };
}

const ZAnswerForm = ZAnswer.extend({ files: z.array(z.instanceof(File)).max(5, "errors.file.tooMany").default([]) });

export async function answerClarificationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZAnswerForm, formValues(fd), (data, actor) =>
    answerClarification(actor, data.applicationId, data.questionId, data.body, data.files),
  );
  if (!r.ok) return r.state;
  revalidatePath(`/my/applications/${String(fd.get("applicationId"))}`);
  return { status: "ok" };
}
