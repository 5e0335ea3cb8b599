import { z } from "zod";
import { EXPORT_FORMATS, disbursementExport } from "@/lib/exports/disbursement-export";
import { exportResponse } from "@/lib/exports/respond";
import { AppError } from "@/lib/errors";
import { ZDisbursementFilters } from "@/lib/reports/disbursements";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return exportResponse(request, async (actor) => {
    const filters = ZDisbursementFilters.safeParse(params);
    const format = z.enum(EXPORT_FORMATS).safeParse(params.format ?? "csv");
    if (!filters.success || !format.success) throw new AppError("validation");
    return disbursementExport(actor, filters.data, format.data);
  });
}
