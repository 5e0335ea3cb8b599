"use server";
import { formValues, runAnonymousAction, type FormState } from "@/lib/action";
import { ZResetRequest, requestPasswordReset } from "@/lib/auth/password-reset";
import { addressTag, clientAddress } from "@/lib/request";

/** The same answer for every well-formed address: nobody learns who has an account. */
export async function requestResetAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAnonymousAction(ZResetRequest, formValues(fd), async (input) => requestPasswordReset(input.email, addressTag(await clientAddress())));
  return r.ok ? { status: "ok" } : r.state;
}
