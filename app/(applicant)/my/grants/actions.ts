"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { ZSubmitReport, submitReport } from "@/lib/reports/commands";

export async function submitReportAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZSubmitReport, v, (input, actor) => submitReport(actor, input));
  if (!r.ok) return r.state;
  revalidatePath(`/my/reports/${String(v.reportId)}`);
  return { status: "ok" };
}
