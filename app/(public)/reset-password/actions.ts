"use server";
import { formValues, runAnonymousAction, type FormState } from "@/lib/action";
import { ZResetPassword, resetPassword } from "@/lib/auth/password-reset";

export async function resetPasswordAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAnonymousAction(ZResetPassword, formValues(fd), (input) => resetPassword(input));
  return r.ok ? { status: "ok" } : r.state;
}
