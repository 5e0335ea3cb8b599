"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { createApiToken, revokeApiToken, ZCreateApiToken } from "@/lib/api/tokens";
import { zId } from "@/lib/validation";

/** The new token comes back in the answer once; the page never has it again. */
export async function createApiTokenAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZCreateApiToken, { ...v, scopes: v.scopes ?? [] }, (data, actor) => createApiToken(actor, data));
  if (!r.ok) return r.state;
  revalidatePath("/staff/api-tokens");
  return { status: "ok", values: { token: r.data.token } };
}

export async function revokeApiTokenAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(z.object({ tokenId: zId }), formValues(fd), (data, actor) => revokeApiToken(actor, data.tokenId));
  if (!r.ok) return r.state;
  revalidatePath("/staff/api-tokens");
  return { status: "ok" };
}
