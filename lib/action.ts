// The one server-action pipeline: load the actor, parse with zod, run one domain command,
// and turn failures into translated messages. Pages never see a stack trace. The session
// comes first, so an anonymous caller's input is never parsed.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { currentActor, type Actor } from "./auth/actor";
import { AppError, isAppError } from "./errors";
import { sanctionsErrorCode } from "./sanctions/lists";
import { payeeErrorCode } from "./bank/accounts-errors";
import { currentRequestId } from "./request";
import { MAX_FIELD_NAME_LENGTH, MAX_FORM_FIELDS } from "./limits";
import { logError } from "./log";

import type { FormState } from "./form-state";

export type { FormState };

// Keys that would reach Object.prototype through a nested path ("__proto__.x").
const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

// Forms with more fields, or longer field names, than any of ours: refused unread.
const OVERSIZED = new WeakSet<object>();

function isOversized(fd: FormData): boolean {
  let count = 0;
  for (const name of fd.keys()) {
    if (++count > MAX_FORM_FIELDS || name.length > MAX_FIELD_NAME_LENGTH) return true;
  }
  return false;
}

/**
 * FormData → plain object. Dotted keys nest ("title.en" → { title: { en } }); keys
 * ending in [] collect into arrays ("scoring.weight[]"); files are kept as File.
 * Anything that is not FormData (a client can send any value) gives an empty object; a
 * form beyond MAX_FORM_FIELDS or MAX_FIELD_NAME_LENGTH gives one the pipeline refuses.
 */
export function formValues(fd: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!(fd instanceof FormData)) return out;
  if (isOversized(fd)) {
    OVERSIZED.add(out);
    return out;
  }
  for (const [rawKey, value] of fd.entries()) {
    if (rawKey.startsWith("$ACTION")) continue;
    const isList = rawKey.endsWith("[]");
    const path = (isList ? rawKey.slice(0, -2) : rawKey).split(".");
    if (path.some((part) => UNSAFE_KEYS.has(part))) continue;
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (!Object.hasOwn(node, part) || typeof node[part] !== "object" || node[part] === null || Array.isArray(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    if (isList) {
      if (!Object.hasOwn(node, leaf) || !Array.isArray(node[leaf])) node[leaf] = [];
      (node[leaf] as unknown[]).push(value);
    } else {
      node[leaf] = value;
    }
  }
  return out;
}

// Text PostgreSQL cannot store (NUL), or that did not arrive as UTF-8: the decoder put
// U+FFFD in place of the broken bytes, or a lone surrogate came through a JSON escape.
// Stored, either would be a silent rewrite of what the person sent.
const UNREADABLE = /\uFFFD|\p{Cs}/u;

/** The path and message of the first text that cannot be stored as it was sent. */
function unreadableText(value: unknown, path: string[] = [], depth = 0): { path: string; key: string } | null {
  if (typeof value === "string") {
    const at = path.join(".") || "_form";
    if (value.includes("\u0000")) return { path: at, key: "errors.field.invalid" };
    return UNREADABLE.test(value) ? { path: at, key: "errors.field.encoding" } : null;
  }
  if (!value || typeof value !== "object" || depth > 8 || value instanceof Blob) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = unreadableText(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

function textValues(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string" && !/password|code|secret/i.test(k)) out[k] = v.slice(0, 20_000);
  }
  return out;
}

export type ActionResult<R> = { ok: true; data: R } | { ok: false; state: FormState };

export type ActionOptions = {
  /**
   * For an action that reshapes what the form sent before parsing it (wraps it in
   * { content }, or gathers "amount[]" lists into rows): maps the parsed input's path of
   * an error back to the name of the form's field ("content.title" → "title",
   * "tranches.1.plannedAmount" → "amount.1"), so the form finds it (FormState.fieldErrors).
   */
  fieldName?: (inputPath: string) => string;
  /**
   * The second-factor step's own actions. Every other action refuses a session whose second
   * factor is still owed: the password alone opens nothing else (not even one's own
   * settings, passkeys, sessions or invitations).
   */
  beforeSecondFactor?: boolean;
};

/** fieldName for a form sent whole under one key of the input ({ id, version, content }). */
export const fieldsUnder = (key: string) => (path: string) => (path.startsWith(`${key}.`) ? path.slice(key.length + 1) : path);

/** fieldName for rows gathered from "name[]" lists: { rows: "tranches", columns: { plannedAmount: "amount" } }. */
export const fieldsFromLists = (rows: string, columns: Record<string, string>) => (path: string) => {
  const [list, index, column, ...rest] = path.split(".");
  return list === rows && /^\d+$/.test(index ?? "") && column && !rest.length && Object.hasOwn(columns, column) ? `${columns[column]}.${index}` : path;
};

export async function runAction<S extends z.ZodType, R>(
  schema: S,
  raw: unknown,
  run: (input: z.output<S>, actor: Actor) => Promise<R>,
  options: ActionOptions = {},
): Promise<ActionResult<R>> {
  const actor = await currentActor();
  if (!actor) {
    const t = await getTranslations();
    return { ok: false, state: appErrorState(t, new AppError("unauthenticated")) };
  }
  if (actor.pendingSecondFactor && !options.beforeSecondFactor) {
    const t = await getTranslations();
    return { ok: false, state: appErrorState(t, new AppError("stepUpRequired")) };
  }
  return runWith(schema, raw, (input) => run(input, actor), options);
}

/** For the few actions open to anonymous visitors (sign-in, sign-up). */
export async function runAnonymousAction<S extends z.ZodType, R>(
  schema: S,
  raw: unknown,
  run: (input: z.output<S>) => Promise<R>,
): Promise<ActionResult<R>> {
  return runWith(schema, raw, run);
}

async function runWith<S extends z.ZodType, R>(
  schema: S,
  raw: unknown,
  run: (input: z.output<S>) => Promise<R>,
  options: ActionOptions = {},
): Promise<ActionResult<R>> {
  const fieldName = (path: string) => (options.fieldName ? options.fieldName(path) : path) || "_form";
  const t = await getTranslations();
  if (raw && typeof raw === "object" && OVERSIZED.has(raw)) {
    return { ok: false, state: { status: "error", message: t("errors.validation"), fieldErrors: { _form: t("errors.field.tooManyFields") } } };
  }
  const values = textValues(raw);
  const unreadable = unreadableText(raw);
  if (unreadable) {
    return { ok: false, state: { status: "error", message: t("errors.validation"), fieldErrors: { [fieldName(unreadable.path)]: t(unreadable.key) }, values } };
  }
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = schema.safeParse(raw) as z.ZodSafeParseResult<z.output<S>>;
  } catch (e) {
    // A schema's cross-field rule tripped over a value an earlier check already refused.
    logError("schema check threw", e, (await currentRequestId()) ?? "-");
    return { ok: false, state: { status: "error", message: t("errors.validation"), values } };
  }
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const path = fieldName(issue.path.map(String).join("."));
      if (!fieldErrors[path]) fieldErrors[path] = translateKey(t, issue.message, "errors.field.invalid", limitOf(issue));
    }
    return { ok: false, state: { status: "error", message: t("errors.validation"), fieldErrors, values } };
  }
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, state: appErrorState(t, e, values, fieldName) };
    if (isNavigationSignal(e)) throw e;
    const held = sanctionsErrorCode(e) ?? payeeErrorCode(e);
    if (held) return { ok: false, state: appErrorState(t, new AppError(held), values, fieldName) };
    const requestId = (await currentRequestId()) ?? "-";
    logError("action failed", e, requestId);
    return { ok: false, state: { status: "error", message: t("errors.unexpected", { requestId }), values } };
  }
}

function appErrorState(t: Translate, e: AppError, values?: Record<string, string>, fieldName: (path: string) => string = (p) => p): FormState {
  const fieldErrors = e.fields
    ? Object.fromEntries(Object.entries(e.fields).map(([k, key]) => [fieldName(k), translateKey(t, key, "errors.field.invalid")]))
    : undefined;
  return { status: "error", code: e.code, message: t(`errors.${e.code}`, e.values ?? {}), fieldErrors, values };
}

/** A length or size limit a message may name ("at most {max} characters"). */
function limitOf(issue: z.core.$ZodIssue): Record<string, number> {
  return issue.code === "too_big" ? { max: Number(issue.maximum) } : {};
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

function translateKey(t: Translate, key: string, fallback: string, values: Record<string, number> = {}): string {
  return t.has(key) ? t(key, values) : t(fallback);
}

/** redirect() and notFound() work by throwing; they must pass through. */
function isNavigationSignal(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK|NEXT_NOT_FOUND)/.test(digest);
}
