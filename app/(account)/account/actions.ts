"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { endOwnSession } from "@/lib/auth/session-admin";

const ZEnd = z.object({ handle: z.string().max(20) });

export async function endSessionAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZEnd, formValues(fd), (input, actor) => endOwnSession(actor, input.handle));
  if (!r.ok) return r.state;
  revalidatePath("/account/security");
  return { status: "ok" };
}
