// The one pipeline of every /api/v1 route: bearer token → principal, rate limit per token,
// query parsed with the route's zod schema, one lib/api call, JSON or a problem, and an
// `api.called` audit event with the token's id for every call a token made.
import "server-only";
import type { z } from "zod";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { isAppError } from "../errors";
import { negotiateLocale, type Locale } from "../i18n/locales";
import { logError } from "../log";
import { newRequestId } from "../request";
import { bearerToken, countCall, markUsed, principalFor, type ApiPrincipal } from "./principal";
import { problemBody, problemResponse, type ProblemKind } from "./problem";
import { API_RATE_LIMIT } from "./scopes";

const KIND_OF_CODE: Record<string, ProblemKind> = { notFound: "notFound", forbidden: "forbidden", validation: "validation", unauthenticated: "unauthenticated", rateLimited: "rateLimited" };

type Outcome = { response: Response; status: number };

function json(data: unknown): Response {
  return new Response(JSON.stringify(data), { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

async function audit(p: ApiPrincipal, request: Request, status: number) {
  const url = new URL(request.url);
  await db.$transaction((tx) =>
    writeAudit(tx, { userId: p.tokenId, role: "API_TOKEN" }, {
      action: "api.called", entityType: "ApiToken", entityId: p.tokenId, funderId: p.funderId,
      after: { method: request.method, path: url.pathname, query: url.search.slice(0, 500) || null, status },
    }),
  );
}

/** Query parameters → the schema's input; repeated parameters are a client error. */
function queryOf(request: Request): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) {
    if (Object.hasOwn(out, k)) return null;
    out[k] = v;
  }
  return out;
}

async function run<S extends z.ZodType>(request: Request, locale: Locale, p: ApiPrincipal, schema: S | null, call: (p: ApiPrincipal, q: z.output<S>) => Promise<unknown>): Promise<Outcome> {
  const instance = new URL(request.url).pathname;
  const fail = (kind: ProblemKind, opts: Parameters<typeof problemBody>[2] = {}, headers: Record<string, string> = {}): Outcome => {
    const body = problemBody(kind, locale, { instance, ...opts });
    return { response: problemResponse(body, locale, headers), status: body.status };
  };
  const limit = await countCall(p.tokenId, API_RATE_LIMIT);
  if (!limit.allowed) return fail("rateLimited", { values: { seconds: String(limit.retryAfter) } }, { "retry-after": String(limit.retryAfter) });
  let input: unknown = undefined;
  if (schema) {
    const raw = queryOf(request);
    if (!raw) return fail("validation", { errors: [{ parameter: "query", key: "api.problem.repeated" }] });
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return fail("validation", { errors: parsed.error.issues.map((i) => ({ parameter: i.path.map(String).join(".") || "query", key: "api.problem.parameter" })) });
    input = parsed.data;
  }
  try {
    return { response: json(await call(p, input as z.output<S>)), status: 200 };
  } catch (e) {
    if (isAppError(e) && KIND_OF_CODE[e.code]) {
      const errors = e.fields ? Object.entries(e.fields).map(([parameter, key]) => ({ parameter, key })) : undefined;
      return fail(KIND_OF_CODE[e.code]!, { values: Object.fromEntries(Object.entries(e.values ?? {}).map(([k, v]) => [k, String(v)])), errors });
    }
    const requestId = request.headers.get("x-request-id") ?? newRequestId();
    logError("api call failed", e, requestId);
    return fail("unexpected", { values: { requestId } });
  }
}

/** Answers one API request: `call` gets the token's principal and the parsed query. */
export async function apiRoute<S extends z.ZodType>(request: Request, schema: S | null, call: (p: ApiPrincipal, q: z.output<S>) => Promise<unknown>): Promise<Response> {
  const locale = negotiateLocale(request.headers.get("accept-language"));
  const token = bearerToken(request.headers.get("authorization"));
  const p = token ? await principalFor(token) : null;
  if (!p) {
    const body = problemBody("unauthenticated", locale, { instance: new URL(request.url).pathname });
    return problemResponse(body, locale, { "www-authenticate": 'Bearer realm="api"' });
  }
  const out = await run(request, locale, p, schema, call);
  await audit(p, request, out.status);
  if (out.status === 200) await markUsed(p.tokenId);
  return out.response;
}
