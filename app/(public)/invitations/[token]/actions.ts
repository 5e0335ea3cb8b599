"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { acceptInvitation } from "@/lib/organisations/commands";

const ZAccept = z.object({ token: z.string().min(20).max(100) });

export async function acceptInvitationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZAccept, formValues(fd), (input, actor) => acceptInvitation(actor, input.token));
  if (!r.ok) return r.state;
  redirect(`/my/organisations/${r.data}`);
}
