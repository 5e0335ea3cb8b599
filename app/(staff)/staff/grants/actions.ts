"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fieldsFromLists, formValues, runAction, type FormState } from "@/lib/action";
import { decideBudgetAmendment, proposeBudgetAmendment } from "@/lib/grants/budget";
import { saveSchedule } from "@/lib/grants/schedule";
import { setGrantStatus } from "@/lib/grants/status";
import { approvePayment, recordPayment, requestPayment, reversePayment } from "@/lib/ledger/payments";
import { ZBudgetAmendment, ZDecideAmendment, ZRecordPayment, ZReversePayment, ZSchedule, ZTrancheAction } from "@/lib/ledger/schemas";
import { ZReviewReport, reviewReport } from "@/lib/reports/commands";
import { zId, zRequiredText } from "@/lib/validation";
import { confirmGrantPayee, rejectGrantPayee } from "@/lib/bank/accounts-grant";
import { ZDecideGrantPayee } from "@/lib/bank/accounts-schemas";

const refresh = (grantId: unknown) => {
  revalidatePath(`/staff/grants/${String(grantId)}`);
  revalidatePath("/staff");
};

export async function saveScheduleAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd) as Record<string, unknown> & { amount?: string[]; date?: string[]; condition?: string[] };
  const tranches = (v.amount ?? []).map((plannedAmount, i) => ({ plannedAmount, plannedDate: v.date?.[i], condition: v.condition?.[i] }));
  const r = await runAction(ZSchedule, { grantId: v.grantId, version: v.version, tranches }, (input, actor) => saveSchedule(actor, input), {
    fieldName: fieldsFromLists("tranches", { plannedAmount: "amount", plannedDate: "date", condition: "condition" }),
  });
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

export async function requestPaymentAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZTrancheAction, v, (input, actor) => requestPayment(actor, input.trancheId));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

export async function approvePaymentAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZTrancheAction, v, (input, actor) => approvePayment(actor, input.trancheId));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

export async function recordPaymentAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZRecordPayment, v, (input, actor) => recordPayment(actor, input));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok", message: r.data.ledgerEntryId };
}

export async function reversePaymentAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZReversePayment, v, (input, actor) => reversePayment(actor, input));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

export async function proposeBudgetAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd) as Record<string, unknown> & { category?: string[]; description?: string[]; lineAmount?: string[] };
  const lines = (v.category ?? []).map((category, i) => ({ category, description: v.description?.[i], amount: v.lineAmount?.[i] }));
  const r = await runAction(ZBudgetAmendment, { grantId: v.grantId, reason: v.reason, lines }, (input, actor) => proposeBudgetAmendment(actor, input), {
    fieldName: fieldsFromLists("lines", { category: "category", description: "description", amount: "lineAmount" }),
  });
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

export async function decideBudgetAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZDecideAmendment, v, (input, actor) => decideBudgetAmendment(actor, input.budgetId, input.decision === "confirm", input.note));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

const ZGrantStatus = z.object({ grantId: zId, status: z.enum(["ACTIVE", "SUSPENDED", "CLOSED", "TERMINATED"]), reason: zRequiredText(1000) });
export async function setGrantStatusAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZGrantStatus, v, (input, actor) => setGrantStatus(actor, input.grantId, input.status, input.reason));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}

export async function reviewReportAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZReviewReport, v, (input, actor) => reviewReport(actor, input.reportId, input.decision === "accept", input.note));
  if (!r.ok) return r.state;
  revalidatePath(`/staff/reports/${String(v.reportId)}`);
  return { status: "ok" };
}

/** The approver's decision on a requested payee account for the grant: confirmed (it takes effect) or rejected. */
export async function decideGrantPayeeAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZDecideGrantPayee, v, (input, actor) => (input.accept === "yes" ? confirmGrantPayee : rejectGrantPayee)(actor, input.changeId));
  if (!r.ok) return r.state;
  refresh(v.grantId);
  return { status: "ok" };
}
