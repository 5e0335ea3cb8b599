// Turns an export (or a refusal) into an HTTP response. Refusals say little.
import "server-only";
import { Readable } from "node:stream";
import { currentActor, type Actor } from "../auth/actor";
import { isAppError } from "../errors";

/** Writers emit text or bytes; a web Response body takes bytes only. Errors still propagate. */
async function* asBytes(stream: Readable) {
  for await (const chunk of stream) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Uint8Array);
}

/**
 * A download is a GET that writes an audit event, so another site must not be able to make
 * a signed-in auditor's browser produce one (a link or an image on a hostile page). Browsers
 * say where a request came from in Sec-Fetch-Site; "none" is a typed address or a bookmark.
 */
export function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

export async function exportResponse(request: Request, build: (actor: Actor) => Promise<{ stream: Readable; contentType: string; fileName: string }>) {
  if (crossSite(request)) return new Response("Forbidden", { status: 403 });
  const actor = await currentActor();
  if (!actor || actor.pendingSecondFactor) return new Response("Not found", { status: 404 });
  try {
    const file = await build(actor);
    return new Response(Readable.toWeb(Readable.from(asBytes(file.stream))) as ReadableStream, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e)) {
      const status = e.code === "validation" ? 400 : e.code === "stepUpRequired" ? 403 : 404;
      return new Response(e.code, { status });
    }
    throw e;
  }
}
