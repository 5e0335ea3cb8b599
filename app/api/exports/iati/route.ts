import { openDataExport } from "@/lib/exports/open-data-export";
import { exportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const unredacted = new URL(request.url).searchParams.get("unredacted") === "1";
  return exportResponse(request, (actor) => openDataExport(actor, "iati", "xml", unredacted));
}
