// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes parse and
// answer with (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses): it cannot drift from them.
import { z } from "zod";
import { PROBLEMS } from "./problem";
import { API_RATE_LIMIT, API_SCOPES, type ApiScopeName } from "./scopes";
import { API_COMPONENTS, ZGrantsQuery, ZLedgerQuery, ZTranchesQuery } from "./schemas";

type Operation = { path: string; operationId: string; summary: string; scope: ApiScopeName; query?: z.ZodObject; pathId?: boolean; response: string; description?: string };

/** Every route of the API, in the order the reference page lists them. */
export const API_OPERATIONS: Operation[] = [
  { path: "/grants", operationId: "listGrants", summary: "Grants of the token's funder, oldest change first", scope: "grants:read", query: ZGrantsQuery, response: "GrantPage" },
  { path: "/grants/{id}", operationId: "getGrant", summary: "One grant with its tranche schedule", scope: "grants:read", pathId: true, response: "GrantDetail" },
  { path: "/tranches", operationId: "listTranches", summary: "Tranches (status=APPROVED: payments due), oldest change first", scope: "payments:read", query: ZTranchesQuery, response: "TranchePage" },
  { path: "/ledger", operationId: "listLedger", summary: "Ledger entries in the order they were written", scope: "payments:read", query: ZLedgerQuery, response: "LedgerPage" },
];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function components() {
  const { schemas } = z.toJSONSchema(API_COMPONENTS, { target: "draft-2020-12", io: "output", uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  // Each component is a schema inside the document, not a document of its own.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
}

function parameters(op: Operation) {
  const out: Array<Record<string, unknown>> = [];
  if (op.pathId) out.push({ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } });
  if (op.query) {
    const s = z.toJSONSchema(op.query, { target: "draft-2020-12", io: "input" }) as { properties: Record<string, { description?: string }>; required?: string[] };
    for (const [name, schema] of Object.entries(s.properties)) {
      const { description, ...rest } = schema;
      out.push({ name, in: "query", required: s.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  return out;
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });

export function openApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, unknown> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] = {
      get: {
        operationId: op.operationId,
        summary: op.summary,
        security: [{ bearer: [op.scope] }],
        "x-scopes": [op.scope],
        parameters: parameters(op),
        responses: {
          200: { description: "OK", content: { "application/json": { schema: ref(op.response) } } },
          400: problem(PROBLEMS.validation.title),
          401: problem(PROBLEMS.unauthenticated.title),
          403: problem(`${PROBLEMS.forbidden.title}: the token lacks the scope ${op.scope}`),
          404: problem(PROBLEMS.notFound.title),
          429: { ...problem(PROBLEMS.rateLimited.title), headers: { "Retry-After": { schema: { type: "integer" } } } },
          500: problem(PROBLEMS.unexpected.title),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Most API",
      version: "1.0.0",
      description: `Read access for finance and BI systems to one funder's grants, tranches and ledger. Authenticate with \`Authorization: Bearer <token>\` (tokens are created by a funder admin on /staff/api-tokens). ${API_RATE_LIMIT} calls per minute per token. Lists are ordered by (updatedAt, id) and paged with \`cursor\`; pass \`updatedSince\` for incremental sync. Errors are RFC 9457 problem details with \`detail\` in the language of Accept-Language (en, ru, cs, uk).`,
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: `Scopes: ${API_SCOPES.join(", ")}` },
      },
    },
  };
}
