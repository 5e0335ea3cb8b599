"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { ZSubmitReport, submitReport } from "@/lib/reports/commands";
import { requestGrantPayee } from "@/lib/bank/accounts-grant";
import { ZRequestGrantPayee } from "@/lib/bank/accounts-schemas";

export async function submitReportAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZSubmitReport, v, (input, actor) => submitReport(actor, input));
  if (!r.ok) return r.state;
  revalidatePath(`/my/reports/${String(v.reportId)}`);
  return { status: "ok" };
}

export async function requestGrantPayeeAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZRequestGrantPayee, v, (input, actor) => requestGrantPayee(actor, input));
  if (!r.ok) return r.state;
  revalidatePath(`/my/grants/${String(v.grantId)}`);
  return { status: "ok" };
}
