// Contract check: a response must match what the OpenAPI document declares for its path,
// status and content type. The document is the one the API serves, compiled with ajv
// (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";

export const doc = openApiDocument();
const BASE = "https://most.invalid/openapi.json";
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addKeyword("example");
// The components as $defs of one schema (ajv resolves references there); refs rewritten alike.
const asDefs = (schemas: unknown) => JSON.parse(JSON.stringify(schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
ajv.addSchema({ $id: BASE, $defs: asDefs(doc.components.schemas) });

type Responses = Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;

function operationOf(pathname: string): Responses {
  const rel = pathname.replace(/^\/api\/v1/, "");
  for (const [template, item] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (re.test(rel)) return (item as { get: { responses: Responses } }).get.responses;
  }
  throw new Error(`${pathname} is not in the OpenAPI document`);
}

/** Reads the body and fails with ajv's errors when it does not match the document. */
export async function checkedBody(res: Response, url: string): Promise<Record<string, unknown>> {
  const responses = operationOf(new URL(url).pathname);
  const declared = responses[String(res.status)];
  if (!declared?.content) throw new Error(`${url}: status ${res.status} is not declared`);
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
  const media = declared.content[type];
  if (!media) throw new Error(`${url}: ${type} is not declared for ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  const validate = ajv.getSchema(`${BASE}${media.schema.$ref.replace("#/components/schemas/", "#/$defs/")}`)!;
  if (!validate(body)) throw new Error(`${url} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
  return body;
}
