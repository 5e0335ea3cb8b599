"use server";
import { redirect } from "next/navigation";
import { formValues, runAnonymousAction, type FormState } from "@/lib/action";
import { signInWithPassword } from "@/lib/auth/next-auth";
import { AppError } from "@/lib/errors";
import { addressTag, clientAddress } from "@/lib/request";
import { ZRegister, registerUser } from "@/lib/users/registration";

export async function registerAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAnonymousAction(ZRegister, formValues(fd), async (input) => {
    await registerUser(input, addressTag(await clientAddress()));
    if (await signInWithPassword(input.email, input.password)) throw new AppError("unauthenticated");
  });
  if (!r.ok) return r.state;
  redirect("/my/organisations/new");
}
