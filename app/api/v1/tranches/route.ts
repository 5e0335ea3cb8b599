import { apiRoute } from "@/lib/api/handler";
import { apiListTranches } from "@/lib/api/queries";
import { ZTranchesQuery } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return apiRoute(request, ZTranchesQuery, apiListTranches);
}
