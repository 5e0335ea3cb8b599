// Refuses malformed and oversized requests in proxy.ts, before Next.js decodes them: Next
// answers its own decoding failures (a bad %-escape in a dynamic path, a broken action body,
// a foreign Origin) with a bare 500 that carries none of our headers. Pure: no database, no
// secrets, so the proxy and unit tests can use it. Authorization is not done here.
import {
  ANONYMOUS_ACTIONS_PER_MINUTE,
  MAX_ANONYMOUS_BODY_BYTES,
  MAX_FIELD_NAME_LENGTH,
  MAX_FORM_FIELDS,
  MAX_JSON_DEPTH,
  MAX_REQUEST_BYTES,
} from "./limits";

export type Refusal = { status: 400 | 403 | 411 | 413 | 429; reason: string };

const refuse = (status: Refusal["status"], reason: string): Refusal => ({ status, reason });

const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when every %-escape of the path decodes to UTF-8 ("/calls/%E0%A4%A" does not). */
export function isWellEncodedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A server action call: a fetch action (Next-Action header) or a form posted to a page. */
export function isActionRequest(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "POST" || pathname.startsWith("/api/")) return false;
  return headers.has("next-action") || (headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

/** An Origin that is not this host (as Next.js compares them), or "null" from a cross-site form. */
export function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false; // not a browser; Next.js lets these through as well
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** A session cookie of Auth.js under any prefix (plain, __Secure-, __Host-), chunked or not. */
export function hasSessionCookie(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) {
    const base = name.replace(/\.\d+$/, "");
    if (base.endsWith("authjs.session-token")) return true;
  }
  return false;
}

/** Refuses a body too large before it is read; anonymous callers only get small forms. */
export function checkBodySize(headers: Headers, anonymous: boolean): Refusal | null {
  const length = headers.get("content-length");
  if (length === null) return anonymous ? refuse(411, "length required") : null;
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return refuse(400, "bad content-length");
  if (bytes > (anonymous ? MAX_ANONYMOUS_BODY_BYTES : MAX_REQUEST_BYTES)) return refuse(413, "body too large");
  return null;
}

/**
 * JSON nested at most `maxDepth` deep. The depth is counted before JSON.parse, so a body
 * nested 100,000 deep costs one pass and no recursion.
 */
export function isShallowJson(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return false;
    } else if (c === 93 || c === 125) depth--;
  }
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Parts of an action body that React decodes as JSON: "0", "1", … (fetch actions) and
// "$ACTION_1:0" (forms posted without JavaScript).
const JSON_PART = /^(\d+|\$ACTION_\d+:\d+)$/;

/** Reads a copy of an action's body and refuses what Next.js or React would fail on. */
export async function checkActionBody(request: Request): Promise<Refusal | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    return isShallowJson(await request.text()) ? null : refuse(400, "bad action body");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, "bad multipart body");
  }
  let count = 0;
  for (const [name, value] of form.entries()) {
    if (++count > MAX_FORM_FIELDS) return refuse(413, "too many fields");
    if (name.length > MAX_FIELD_NAME_LENGTH || CONTROL.test(name)) return refuse(400, "bad field name");
    if (typeof value !== "string") {
      if (value.name.length > 255 || CONTROL.test(value.name)) return refuse(400, "bad file name");
    } else if (JSON_PART.test(name) && !isShallowJson(value)) {
      return refuse(400, "bad action body");
    }
  }
  return null;
}

/** Fixed one-minute windows per client address, in this process's memory. */
export class AnonymousActionLimiter {
  private windows = new Map<string, { startedAt: number; calls: number }>();

  constructor(private readonly perMinute = ANONYMOUS_ACTIONS_PER_MINUTE) {}

  /** Counts a call; false when the address has used up its minute. */
  allow(address: string, now = Date.now()): boolean {
    const w = this.windows.get(address);
    if (!w || now - w.startedAt >= 60_000) {
      if (this.windows.size >= 10_000) this.sweep(now);
      this.windows.set(address, { startedAt: now, calls: 1 });
      return true;
    }
    w.calls += 1;
    return w.calls <= this.perMinute;
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) if (now - w.startedAt >= 60_000) this.windows.delete(key);
    if (this.windows.size >= 10_000) this.windows.clear(); // a flood of addresses: start over
  }
}
