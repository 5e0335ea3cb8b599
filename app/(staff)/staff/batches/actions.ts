"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { cancelBatch, prepareBatch, releaseBatch } from "@/lib/bank/batches";
import { ZBatchRef, ZPrepareBatch } from "@/lib/bank/batches-schemas";

export async function prepareBatchAction(_p: FormState, fd: FormData): Promise<FormState> {
  // Tranches come as repeated checkboxes named "trancheIds[]" (a list, however many).
  const r = await runAction(ZPrepareBatch, formValues(fd), (input, actor) => prepareBatch(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/staff/batches");
  return { status: "ok" };
}

export async function releaseBatchAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZBatchRef, formValues(fd), (input, actor) => releaseBatch(actor, input.batchId));
  if (!r.ok) return r.state;
  revalidatePath("/staff/batches");
  return { status: "ok" };
}

export async function cancelBatchAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZBatchRef, formValues(fd), (input, actor) => cancelBatch(actor, input.batchId));
  if (!r.ok) return r.state;
  revalidatePath("/staff/batches");
  return { status: "ok" };
}
