import { openApiDocument } from "@/lib/api/openapi";

// The document describes the API; reading it needs no token.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
