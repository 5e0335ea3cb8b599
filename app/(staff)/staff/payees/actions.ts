"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { confirmPayeeVerification, recordPayeeVerification, rejectPayeeVerification, revokePayeeVerification } from "@/lib/bank/accounts-verification";
import { ZDecideVerification, ZRecordVerification, ZRevokeVerification } from "@/lib/bank/accounts-schemas";

const refresh = (accountId: unknown) => {
  revalidatePath(`/staff/payees/${String(accountId)}`);
  revalidatePath("/staff/payees");
};

export async function recordPayeeVerificationAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZRecordVerification, v, (input, actor) => recordPayeeVerification(actor, input));
  if (!r.ok) return r.state;
  refresh(v.accountId);
  return { status: "ok" };
}

export async function decidePayeeVerificationAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZDecideVerification, v, (input, actor) => (input.accept === "yes" ? confirmPayeeVerification : rejectPayeeVerification)(actor, input.verificationId));
  if (!r.ok) return r.state;
  refresh(v.accountId);
  return { status: "ok" };
}

export async function revokePayeeVerificationAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZRevokeVerification, v, (input, actor) => revokePayeeVerification(actor, input));
  if (!r.ok) return r.state;
  refresh(v.accountId);
  return { status: "ok" };
}
