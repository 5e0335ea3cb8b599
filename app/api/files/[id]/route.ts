import { currentActor } from "@/lib/auth/actor";
import { openAttachment } from "@/lib/applications/attachments";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Downloads an attachment for someone allowed to see it; everyone else gets 404. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor || !/^[0-9a-f-]{36}$/.test(id)) return new Response("Not found", { status: 404 });
  try {
    const file = await openAttachment(actor, id);
    return new Response(file.stream, {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Length": String(file.sizeBytes),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e)) return new Response("Not found", { status: 404 });
    throw e;
  }
}
