import { Readable } from "node:stream";
import { batchFile } from "@/lib/bank/batch-file";
import { ZBatchFile } from "@/lib/bank/batches-schemas";
import { AppError } from "@/lib/errors";
import { exportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

/** The bank's file of a released batch (audited in lib/); ?version=pain.001.001.03 for older banks. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const version = new URL(request.url).searchParams.get("version") ?? undefined;
  return exportResponse(request, async (actor) => {
    const input = ZBatchFile.safeParse({ batchId: id, version });
    if (!input.success) throw new AppError("validation");
    const file = await batchFile(actor, input.data.batchId, input.data.version);
    return { stream: Readable.from([file.body]), contentType: file.contentType, fileName: file.filename };
  });
}
