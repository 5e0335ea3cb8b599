// Turns an export (or a refusal) into an HTTP response. Refusals say little.
import "server-only";
import { Readable } from "node:stream";
import { currentActor, type Actor } from "../auth/actor";
import { isAppError } from "../errors";

/** Writers emit text or bytes; a web Response body takes bytes only. Errors still propagate. */
async function* asBytes(stream: Readable) {
  for await (const chunk of stream) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Uint8Array);
}

export async function exportResponse(build: (actor: Actor) => Promise<{ stream: Readable; contentType: string; fileName: string }>) {
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
