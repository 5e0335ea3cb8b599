"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, fieldsUnder, runAction, type FormState } from "@/lib/action";
import { addFunderBankAccount, retireFunderBankAccount, ZAddFunderAccount } from "@/lib/bank/funder-accounts";
import { zId } from "@/lib/validation";

export async function addFunderBankAccountAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const input = { funderId: v.funderId, currency: v.currency, account: { kind: "sepa", iban: v.iban, bic: v.bic, holderName: v.holderName } };
  const r = await runAction(ZAddFunderAccount, input, (data, actor) => addFunderBankAccount(actor, data), { fieldName: fieldsUnder("account") });
  if (!r.ok) return r.state;
  revalidatePath("/staff/bank-accounts");
  return { status: "ok" };
}

export async function retireFunderBankAccountAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(z.object({ accountId: zId }), formValues(fd), (data, actor) => retireFunderBankAccount(actor, data.accountId));
  if (!r.ok) return r.state;
  revalidatePath("/staff/bank-accounts");
  return { status: "ok" };
}
