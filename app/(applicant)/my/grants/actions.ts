"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { ZSubmitReport, submitReport } from "@/lib/reports/commands";
import { requestGrantPayee } from "@/lib/bank/accounts-grant";
import { ZRequestGrantPayee } from "@/lib/bank/accounts-schemas";

/** The spending typed per line ("spent[]"), as the form's values ("spent.0"), shown again after a refusal. */
function spentValues(spent: unknown): Record<string, string> {
  if (!Array.isArray(spent)) return {};
  return Object.fromEntries(spent.slice(0, 100).flatMap((s, i) => (typeof s === "string" ? [[`spent.${i}`, s.slice(0, 100)]] : [])));
}

export async function submitReportAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZSubmitReport, v, (input, actor) => submitReport(actor, input));
  if (!r.ok) return { ...r.state, values: { ...r.state.values, ...spentValues(v.spent) } };
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
