import { apiRoute } from "@/lib/api/handler";
import { apiGetGrant } from "@/lib/api/queries";
import { AppError } from "@/lib/errors";
import { zId } from "@/lib/validation";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return apiRoute(request, null, (p) => {
    // A malformed id is as missing as an unknown one.
    const parsed = zId.safeParse(id);
    if (!parsed.success) throw new AppError("notFound");
    return apiGetGrant(p, parsed.data);
  });
}
