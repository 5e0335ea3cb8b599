"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { checkpointNow, verifyHeldCheckpoints } from "@/lib/audit/checkpoints";
import { PLATFORM_STREAM } from "@/lib/audit/chain";
import { MAX_FILE_BYTES } from "@/lib/limits";

/** Signs every stream whose head moved, now (the worker does it every few minutes). */
export async function signCheckpointsAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(z.object({ scope: z.literal("now") }), formValues(fd), (_input, actor) => checkpointNow(actor));
  if (!r.ok) return r.state;
  revalidatePath("/audit");
  const t = await getTranslations("audit");
  return { status: "ok", message: t("signed", { count: r.data.made }) };
}

// A checkpoint file is small; a bigger exported trail is verified with npm run audit:verify -- --trail.
const ZHeld = z.object({
  file: z
    .instanceof(File, { message: "audit.verifyNoFile" })
    .refine((f) => f.size > 0, "audit.verifyNoFile")
    .refine((f) => f.size <= MAX_FILE_BYTES, "errors.file.tooLarge"),
});

/** Checks the trail in the database against checkpoints the auditor kept. Changes nothing. */
export async function verifyCheckpointsAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZHeld, formValues(fd), async (input, actor) => verifyHeldCheckpoints(actor, await input.file.text()));
  if (!r.ok) return r.state;
  const t = await getTranslations("audit");
  const v = r.data;
  if (!v.ok) return { status: "error", message: t(v.problem === "malformed" ? "verifyMalformed" : "verifySignature", { message: v.message }) };
  if (v.report.ok) return { status: "ok", message: t("verifyOk", { checkpoints: v.checkpoints }) };
  const stream = v.report.stream === PLATFORM_STREAM ? t("platformStream") : v.report.stream;
  return { status: "error", message: t("verifyBroken", { stream, seq: v.report.seq, reason: t(`chainReason.${v.report.reason}`) }) };
}
