import { apiRoute } from "@/lib/api/handler";
import { apiListLedger } from "@/lib/api/queries";
import { ZLedgerQuery } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return apiRoute(request, ZLedgerQuery, apiListLedger);
}
