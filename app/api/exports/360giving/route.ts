import { openDataExport } from "@/lib/exports/open-data-export";
import { exportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "csv" ? "csv" : "json";
  return exportResponse(request, (actor) => openDataExport(actor, "360giving", format, params.get("unredacted") === "1"));
}
