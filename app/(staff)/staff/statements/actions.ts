"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type FormState } from "@/lib/action";
import { confirmLine, dismissLine } from "@/lib/bank/statements";
import { importStatement } from "@/lib/bank/statements-import";
import { ZStatementLineRef, ZStatementUpload } from "@/lib/bank/statements-schemas";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_TOTAL_BYTES } from "@/lib/limits";

export async function importStatementAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZStatementUpload, formValues(fd), async (input, actor) => {
    if (input.file.size === 0) throw new AppError("validation", { file: "errors.statement.noFile" });
    if (input.file.size > MAX_UPLOAD_TOTAL_BYTES) throw new AppError("fileRejected", { file: "errors.statement.fileTooLarge" });
    return importStatement(actor, { funderId: input.funderId, file: new Uint8Array(await input.file.arrayBuffer()) });
  });
  if (!r.ok) return r.state;
  revalidatePath("/staff/statements");
  const s = r.data;
  return { status: "ok", message: JSON.stringify({ alreadyImported: s.alreadyImported, booked: s.booked, returned: s.returned, unmatched: s.unmatched, repeated: s.repeated + s.seenBefore, ignored: s.ignored }) };
}

export async function confirmLineAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZStatementLineRef, formValues(fd), (input, actor) => confirmLine(actor, input.lineId));
  if (!r.ok) return r.state;
  revalidatePath("/staff/statements");
  return { status: "ok" };
}

export async function dismissLineAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZStatementLineRef, formValues(fd), (input, actor) => dismissLine(actor, input.lineId));
  if (!r.ok) return r.state;
  revalidatePath("/staff/statements");
  return { status: "ok" };
}
