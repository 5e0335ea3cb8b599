// What a call to an action or a route handler came to: denied (the caller learned nothing
// and changed nothing), allowed (it ran: success, redirect, or a business error such as
// validation or invalidTransition), or crashed (a 500: an unexpected error).
import { isAppError } from "@/lib/errors";
import { isNavigationSignal } from "../../setup/next-mocks";

export const DENIAL_CODES = ["unauthenticated", "forbidden", "notFound"] as const;

export type Outcome =
  | { kind: "denied"; detail: string }
  | { kind: "allowed"; success: boolean; detail: string }
  | { kind: "crashed"; detail: string };

const isDenialCode = (c: unknown) => typeof c === "string" && (DENIAL_CODES as readonly string[]).includes(c);

/** A FormState-like error whose message is the generic "something went wrong" (a 500 in disguise). */
export function isUnexpectedState(v: unknown): boolean {
  const message = (v as { message?: unknown } | null)?.message;
  return typeof message === "string" && message.startsWith("errors.unexpected");
}

export function classifyReturn(v: unknown): Outcome {
  if (v && typeof v === "object" && "status" in v) {
    const s = v as { status: unknown; code?: unknown; message?: unknown; fieldErrors?: unknown };
    if (isUnexpectedState(s)) return { kind: "crashed", detail: `returned errors.unexpected` };
    if (s.status === "error") {
      if (isDenialCode(s.code)) return { kind: "denied", detail: String(s.code) };
      return { kind: "allowed", success: false, detail: `error:${String(s.code ?? s.message)}` };
    }
    return { kind: "allowed", success: true, detail: String(s.status) };
  }
  return { kind: "allowed", success: true, detail: v === undefined ? "returned nothing" : "returned a value" };
}

export function classifyThrow(e: unknown): Outcome {
  if (isNavigationSignal(e)) {
    if (e.digest.startsWith("NEXT_REDIRECT")) return { kind: "allowed", success: true, detail: `redirect ${e.digest.split(";")[2]}` };
    return { kind: "denied", detail: e.digest };
  }
  if (isAppError(e)) {
    if (isDenialCode(e.code)) return { kind: "denied", detail: `threw ${e.code}` };
    return { kind: "allowed", success: false, detail: `threw ${e.code}` };
  }
  return { kind: "crashed", detail: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300) };
}

export async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return classifyReturn(await call());
  } catch (e) {
    return classifyThrow(e);
  }
}

/** The body as text; tolerates streams of strings (which Response.text() refuses with "Received non-Uint8Array chunk"). */
async function readBody(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader() as ReadableStreamDefaultReader<unknown>;
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += typeof value === "string" ? value : decoder.decode(value as Uint8Array, { stream: true });
  }
}

/** Route handlers answer refusals with 404 (never 401/403, which would confirm the id exists). */
export async function responseOutcome(call: () => Promise<unknown>): Promise<Outcome & { status?: number; body?: string }> {
  let res: Response;
  try {
    res = (await call()) as Response;
  } catch (e) {
    return classifyThrow(e);
  }
  const body = await readBody(res);
  if (res.status >= 500) return { kind: "crashed", detail: `HTTP ${res.status}`, status: res.status, body };
  if ([401, 403, 404].includes(res.status)) return { kind: "denied", detail: `HTTP ${res.status}`, status: res.status, body };
  return { kind: "allowed", success: res.status < 300, detail: `HTTP ${res.status}`, status: res.status, body };
}
