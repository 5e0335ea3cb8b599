import { apiRoute } from "@/lib/api/handler";
import { apiListGrants } from "@/lib/api/queries";
import { ZGrantsQuery } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return apiRoute(request, ZGrantsQuery, apiListGrants);
}
