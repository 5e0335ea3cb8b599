// RFC 9457 problem details: a fixed type and English title per kind, `detail` in the caller's
// language (Accept-Language: en, ru, cs, uk), never a stack trace or another funder's data.
import { translatorFor } from "../i18n/messages";
import type { Locale } from "../i18n/locales";
import type { TProblem } from "./schemas";

export const PROBLEMS = {
  unauthenticated: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  notFound: { status: 404, title: "Not Found" },
  validation: { status: 400, title: "Bad Request" },
  rateLimited: { status: 429, title: "Too Many Requests" },
  unexpected: { status: 500, title: "Internal Server Error" },
} as const;
export type ProblemKind = keyof typeof PROBLEMS;

/** The problem types' URIs, relative to the portal: the reference page explains each. */
type MessageKey = Parameters<ReturnType<typeof translatorFor>>[0];

export const problemType = (kind: ProblemKind) => `/api-reference#problem-${kind}`;

export function problemBody(kind: ProblemKind, locale: Locale, opts: { instance?: string; values?: Record<string, string>; errors?: Array<{ parameter: string; key: string }> } = {}): TProblem {
  const t = translatorFor(locale);
  const { status, title } = PROBLEMS[kind];
  return {
    type: problemType(kind),
    title,
    status,
    detail: t(`api.problem.${kind}`, opts.values ?? {}),
    ...(opts.instance ? { instance: opts.instance } : {}),
    ...(opts.errors?.length ? { errors: opts.errors.map((e) => ({ parameter: e.parameter, detail: t(e.key as MessageKey, { parameter: e.parameter }) })) } : {}),
  };
}

export function problemResponse(body: TProblem, locale: Locale, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json", "content-language": locale, "cache-control": "no-store", ...headers },
  });
}
