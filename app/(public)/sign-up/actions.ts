"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formValues, runAnonymousAction, type FormState } from "@/lib/action";
import { signInWithSignUpLink } from "@/lib/auth/next-auth";
import { addressTag, clientAddress } from "@/lib/request";
import { ZRegister, ZSignUpConfirm, requestSignUp, usableSignUpLink } from "@/lib/users/registration";

/** Same answer for a new and a known address: "we sent you a link". */
export async function registerAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAnonymousAction(ZRegister, formValues(fd), async (input) => {
    await requestSignUp(input, addressTag(await clientAddress()));
  });
  return r.ok ? { status: "ok" } : r.state;
}

export async function confirmSignUpAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAnonymousAction(ZSignUpConfirm, formValues(fd), async (input) => {
    const link = await usableSignUpLink(input.token);
    return { refused: await signInWithSignUpLink(input.token, input.password), next: link?.next ?? null };
  });
  if (!r.ok) return r.state;
  if (r.data.refused) {
    const t = await getTranslations();
    return { status: "error", message: t(r.data.refused === "throttled" ? "errors.rateLimited" : "errors.signUp.refused") };
  }
  // An invited person goes back to their invitation; anyone else describes their organisation.
  redirect(r.data.next ?? "/my/organisations/new");
}
