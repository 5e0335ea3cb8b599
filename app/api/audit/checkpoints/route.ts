import { Readable } from "node:stream";
import { checkpointFile } from "@/lib/audit/checkpoints";
import { exportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

/** The signed checkpoints of the streams the auditor may see, as the file they keep. */
export async function GET(request: Request) {
  return exportResponse(request, async (actor) => ({
    stream: Readable.from([await checkpointFile(actor)]),
    contentType: "application/json; charset=utf-8",
    fileName: `audit-checkpoints-${new Date().toISOString().slice(0, 10)}.json`,
  }));
}
