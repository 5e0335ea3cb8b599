"use server";
import { redirect } from "next/navigation";
import { formValues, runAnonymousAction, type FormState } from "@/lib/action";
import { landingPathFor } from "@/lib/auth/landing";
import { signInWithPassword } from "@/lib/auth/next-auth";
import { ZSignIn } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { safeLocalPath } from "@/lib/paths";

export async function signInAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const result = await runAnonymousAction(ZSignIn, formValues(fd), async (input) => {
    const refusal = await signInWithPassword(input.email, input.password);
    if (refusal === "throttled") throw new AppError("rateLimited");
    if (refusal) throw new AppError("invalidCredentials");
    return landingPathFor(input.email, safeLocalPath(fd.get("next")));
  });
  if (!result.ok) return result.state;
  redirect(result.data);
}
