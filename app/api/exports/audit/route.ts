import { ZAuditExport, auditTrailExport } from "@/lib/audit/export";
import { AppError } from "@/lib/errors";
import { exportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return exportResponse(request, async (actor) => {
    const input = ZAuditExport.safeParse(params);
    if (!input.success) throw new AppError("validation");
    return auditTrailExport(actor, input.data);
  });
}
