"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { decideSanctionsOutcome, proposeSanctionsOutcome } from "@/lib/sanctions/review";
import { ZDecideOutcome, ZProposeOutcome } from "@/lib/sanctions/schemas";

const refresh = (matchId: unknown) => {
  revalidatePath(`/staff/sanctions/${String(matchId)}`);
  revalidatePath("/staff/sanctions");
};

export async function proposeSanctionsAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZProposeOutcome, v, (input, actor) => proposeSanctionsOutcome(actor, input));
  if (!r.ok) return r.state;
  refresh(v.matchId);
  return { status: "ok" };
}

export async function decideSanctionsAction(_p: FormState, fd: FormData): Promise<FormState> {
  const v = formValues(fd);
  const r = await runAction(ZDecideOutcome, v, (input, actor) => decideSanctionsOutcome(actor, input));
  if (!r.ok) return r.state;
  refresh(v.matchId);
  return { status: "ok" };
}
