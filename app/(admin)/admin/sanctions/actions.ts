"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_TOTAL_BYTES } from "@/lib/limits";
import { importListVersion, rescreenAfterImport } from "@/lib/sanctions/import";
import { zCheckbox } from "@/lib/validation";
import { LIST_SOURCES, RISK_SOURCES, type ListFile } from "@/lib/sanctions/types";

const ZListUpload = z.object({
  source: z.enum([...LIST_SOURCES, ...RISK_SOURCES], "errors.field.required"),
  files: z.array(z.instanceof(File)).min(1, "errors.file.empty").max(4, "errors.field.tooMany"),
  allowShrink: zCheckbox,
});

/** A browser upload as a list file: streamed from the request, never read whole. */
const asListFile = (f: File): ListFile => ({ name: f.name, open: () => f.stream() as unknown as AsyncIterable<Uint8Array> });

export async function importSanctionsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZListUpload, formValues(fd), async (input, actor) => {
    const files = input.files.filter((f) => f.size > 0);
    if (files.length === 0) throw new AppError("validation", { files: "errors.file.empty" });
    if (files.reduce((n, f) => n + f.size, 0) > MAX_UPLOAD_TOTAL_BYTES) throw new AppError("fileRejected", { files: "errors.file.tooLarge" });
    const summary = await importListVersion(actor, { source: input.source, files: files.map(asListFile), allowShrink: input.allowShrink });
    if (!summary.unchanged) await rescreenAfterImport(actor);
    return summary;
  }, { fieldName: (path) => (path.startsWith("files") ? "files" : path) });
  if (!r.ok) return r.state;
  revalidatePath("/admin/sanctions");
  const s = r.data;
  return { status: "ok", message: JSON.stringify({ unchanged: s.unchanged, entries: s.entries, added: s.added, removed: s.removed, changed: s.changed }) };
}
