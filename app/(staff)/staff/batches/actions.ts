"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { cancelBatch, prepareBatch, releaseBatch } from "@/lib/bank/batches";
import { ZBatchRef, ZPrepareBatch } from "@/lib/bank/batches-schemas";

export async function prepareBatchAction(_p: FormState, fd: FormData): Promise<FormState> {
  // Tranches come as repeated checkboxes: all of them, not the last one only.
  const v = { ...formValues(fd), trancheIds: fd.getAll("trancheIds").map(String) };
  const r = await runAction(ZPrepareBatch, v, (input, actor) => prepareBatch(actor, input));
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
