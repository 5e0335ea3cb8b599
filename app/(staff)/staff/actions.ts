"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { addInternalNote, askClarification } from "@/lib/applications/clarifications";
import { assignLeadOfficer, viewApplicantIdentity } from "@/lib/applications/identity-access";
import { ZQuestion } from "@/lib/applications/schemas";
import { ZScreening, recordScreening } from "@/lib/applications/screening";
import { closeCall, createCall, openCall, updateCall } from "@/lib/calls/commands";
import { ZCallForm, ZCallId } from "@/lib/calls/schemas";
import { confirmDecision, recommendDecision, returnDecision } from "@/lib/decisions/commands";
import { ZConfirm, ZRecommend, ZReturn } from "@/lib/decisions/schemas";
import { resolveTimeZone } from "@/lib/i18n/request";
import type { OrganisationIdentity } from "@/lib/organisations/identity";
import { assignReviewer, declareInterest, submitReview } from "@/lib/reviews/commands";
import { ZAssignReviewer, ZDeclareInterest, ZSubmitReview } from "@/lib/reviews/schemas";
import { zId, zVersion } from "@/lib/validation";
import { AppError } from "@/lib/errors";

const refresh = (id: unknown) => revalidatePath(`/staff/applications/${String(id)}`);

export async function screenAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZScreening, v, (input, actor) => recordScreening(actor, input));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

const ZTakeLead = z.object({ applicationId: zId });
export async function takeLeadAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZTakeLead, v, (input, actor) => assignLeadOfficer(actor, input.applicationId, actor.userId));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export type IdentityState = FormState & { identity?: OrganisationIdentity | null };
/** Opening a protected identity is an audit event; it is a POST, never a prefetchable GET. */
export async function revealIdentityAction(_p: IdentityState, fd: FormData): Promise<IdentityState> {
  const r = await runAction(ZTakeLead, formValues(fd), (input, actor) => viewApplicantIdentity(actor, input.applicationId));
  if (!r.ok) return r.state;
  if (!r.data.visible) return { status: "error", code: "forbidden" };
  return { status: "ok", identity: r.data.identity };
}

export async function assignReviewerAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZAssignReviewer, v, (input, actor) => assignReviewer(actor, input.applicationId, input.reviewerId));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export async function recommendAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZRecommend, v, (input, actor) => recommendDecision(actor, input));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export async function confirmDecisionAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZConfirm, v, (input, actor) => confirmDecision(actor, input.decisionId));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export async function returnDecisionAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZReturn, v, (input, actor) => returnDecision(actor, input.decisionId, input.note));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export async function askAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZQuestion, v, (input, actor) => askClarification(actor, input.applicationId, input.body));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export async function noteAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZQuestion, v, (input, actor) => addInternalNote(actor, input.applicationId, input.body));
  if (!r.ok) return r.state;
  refresh(v.applicationId);
  return { status: "ok" };
}

export async function declareInterestAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZDeclareInterest, v, (input, actor) => declareInterest(actor, input.assignmentId, input.conflict === "yes", input.note));
  if (!r.ok) return r.state;
  revalidatePath(`/staff/reviews/${String(v.assignmentId)}`);
  return { status: "ok" };
}

export async function submitReviewAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZSubmitReview, v, (input, actor) => submitReview(actor, input));
  if (!r.ok) return r.state;
  revalidatePath(`/staff/reviews/${String(v.assignmentId)}`);
  return { status: "ok" };
}

export async function createCallAction(_p: FormState, fd: FormData): Promise<FormState> {
  const zone = await resolveTimeZone();
  const r = await runAction(ZCallForm, formValues(fd), (input, actor) => createCall(actor, input, zone));
  if (!r.ok) return r.state;
  redirect(`/staff/calls/${r.data}`);
}

const ZCallEdit = z.object({ callId: zId, version: zVersion });
export async function updateCallAction(_p: FormState, fd: FormData): Promise<FormState> {
  const zone = await resolveTimeZone();
  const v = formValues(fd);
  const ids = ZCallEdit.safeParse(v);
  const r = await runAction(ZCallForm, v, (input, actor) => {
    if (!ids.success) throw new AppError("validation");
    return updateCall(actor, ids.data.callId, ids.data.version, input, zone);
  });
  if (!r.ok) return r.state;
  revalidatePath(`/staff/calls/${String(v.callId)}`);
  return { status: "ok" };
}

export async function openCallAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZCallId, v, (input, actor) => openCall(actor, input.callId));
  if (!r.ok) return r.state;
  revalidatePath(`/staff/calls/${String(v.callId)}`);
  return { status: "ok" };
}

export async function closeCallAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZCallId, v, (input, actor) => closeCall(actor, input.callId));
  if (!r.ok) return r.state;
  revalidatePath(`/staff/calls/${String(v.callId)}`);
  return { status: "ok" };
}
