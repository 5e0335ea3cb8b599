"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { currentActor } from "@/lib/auth/actor";
import { beginTotpEnrolment, confirmTotpEnrolment, pendingTotpEnrolment, regenerateRecoveryCodes, verifySecondFactor, markVerified } from "@/lib/auth/mfa/factors";
import { completePasskeyRegistration, passkeyAuthenticationOptions, passkeyRegistrationOptions, removePasskey, verifyPasskeyAssertion } from "@/lib/auth/mfa/passkeys";
import { signInWithPasskey } from "@/lib/auth/next-auth";
import { landingPathForPasskey } from "@/lib/auth/landing";
import { requireRecentSecondFactor } from "@/lib/auth/mfa/step-up";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { AppError } from "@/lib/errors";
import { safeLocalPath } from "@/lib/paths";

const ZCode = z.object({ code: z.string().trim().min(6, "errors.mfa.wrongCode").max(20, "errors.mfa.wrongCode"), next: z.string().max(500).optional() });
const ZEmpty = z.object({});

/** The second-factor step itself: open to a session that still owes it (lib/action.ts). */
const BEFORE_SECOND_FACTOR = { beforeSecondFactor: true };

export type EnrolState = FormState & { uri?: string; secret?: string; qrSvg?: string; codes?: string[] };

export async function beginTotpAction(_p: EnrolState): Promise<EnrolState> {
  const r = await runAction(ZEmpty, {}, (_i, actor) => beginTotpEnrolment(actor), BEFORE_SECOND_FACTOR);
  if (!r.ok) return r.state;
  return { status: "ok", ...r.data };
}

/**
 * After a passed second factor: the browser gets the renewed session's cookie, and every
 * page and layout is rendered anew (the header was drawn for the session before it).
 */
async function enterRenewedSession(sessionId: string, userId: string) {
  await setSessionCookie(sessionId, userId);
  revalidatePath("/", "layout");
}

export async function confirmTotpAction(prev: EnrolState, fd: FormData): Promise<EnrolState> {
  const r = await runAction(ZCode, formValues(fd), async (input, actor) => {
    // Cookie of the renewed session; the re-rendered /mfa page keeps the enrolment form,
    // whose state holds the codes. "Continue" loads the next page whole (header redrawn).
    const { codes, sessionId } = await confirmTotpEnrolment(actor, input.code);
    await setSessionCookie(sessionId, actor.userId);
    return codes;
  }, BEFORE_SECOND_FACTOR);
  if (!r.ok) {
    // Without JavaScript the page is drawn anew from this state alone: it brings the secret back.
    const pending = prev.uri ? null : await runAction(ZEmpty, {}, (_i, actor) => pendingTotpEnrolment(actor), BEFORE_SECOND_FACTOR);
    return { ...prev, ...(pending?.ok && pending.data ? pending.data : {}), ...r.state };
  }
  return { status: "ok", codes: r.data };
}

export async function verifyCodeAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZCode, formValues(fd), async (input, actor) => {
    const sessionId = await verifySecondFactor({ userId: actor.userId, sessionId: actor.sessionId }, input.code);
    await enterRenewedSession(sessionId, actor.userId);
  }, BEFORE_SECOND_FACTOR);
  if (!r.ok) return r.state;
  redirect(safeLocalPath(fd.get("next")) ?? "/");
}

export async function regenerateCodesAction(_p: EnrolState): Promise<EnrolState> {
  const r = await runAction(ZEmpty, {}, (_i, actor) => {
    requireRecentSecondFactor(actor);
    return regenerateRecoveryCodes(actor);
  });
  if (!r.ok) return r.state;
  return { status: "ok", codes: r.data };
}

// Passkeys: the browser needs options, then sends back the signed response.
export async function passkeyRegistrationOptionsAction() {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated");
  if (!actor.pendingSecondFactor) requireRecentSecondFactor(actor);
  return passkeyRegistrationOptions(actor);
}

// The browser's WebAuthn answer as JSON text; anything that is not an object with an id is refused here.
const zWebAuthnJson = z
  .string()
  .max(20_000)
  .transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value) && typeof (value as { id?: unknown }).id === "string") return value as { id: string };
    } catch {
      // falls through to the issue below
    }
    ctx.addIssue({ code: "custom", message: "errors.field.invalid" });
    return z.NEVER;
  });
const ZPasskeyResult = z.object({ challengeId: z.uuid(), response: zWebAuthnJson, name: z.string().max(60).optional(), next: z.string().max(500).optional() });

export async function passkeyRegisterAction(input: z.input<typeof ZPasskeyResult>): Promise<FormState> {
  const r = await runAction(ZPasskeyResult, input, async (data, actor) => {
    if (actor.pendingSecondFactor === "verify") throw new AppError("forbidden");
    if (!actor.pendingSecondFactor) requireRecentSecondFactor(actor);
    const sessionId = await completePasskeyRegistration(actor, data.challengeId, data.response as never, data.name ?? "Passkey");
    await enterRenewedSession(sessionId, actor.userId);
  }, BEFORE_SECOND_FACTOR);
  return r.ok ? { status: "ok" } : r.state;
}

export async function passkeySecondFactorOptionsAction() {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated");
  return passkeyAuthenticationOptions(actor.userId);
}

export async function passkeyVerifyAction(input: z.input<typeof ZPasskeyResult>): Promise<FormState> {
  const r = await runAction(ZPasskeyResult, input, async (data, actor) => {
    const userId = await verifyPasskeyAssertion(data.challengeId, data.response as never, actor.userId);
    await enterRenewedSession(await markVerified(actor.sessionId, userId, "passkey"), userId);
  }, BEFORE_SECOND_FACTOR);
  return r.ok ? { status: "ok", message: safeLocalPath(input.next) ?? "/" } : r.state;
}

export async function passkeySignInOptionsAction() {
  return passkeyAuthenticationOptions(null);
}

export async function passkeySignInAction(input: z.input<typeof ZPasskeyResult>): Promise<FormState> {
  const parsed = ZPasskeyResult.safeParse(input);
  if (!parsed.success) return { status: "error", code: "invalidCredentials" };
  const refusal = await signInWithPasskey(parsed.data.challengeId, JSON.stringify(parsed.data.response));
  if (refusal) return { status: "error", code: refusal === "throttled" ? "rateLimited" : "invalidCredentials" };
  const landing = await landingPathForPasskey(parsed.data.response.id, safeLocalPath(input.next));
  return { status: "ok", message: landing };
}

const ZRemovePasskey = z.object({ passkeyId: z.string().min(1).max(500) });
export async function removePasskeyAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZRemovePasskey, formValues(fd), (input, actor) => {
    requireRecentSecondFactor(actor);
    return removePasskey(actor, input.passkeyId);
  });
  return r.ok ? { status: "ok" } : r.state;
}
