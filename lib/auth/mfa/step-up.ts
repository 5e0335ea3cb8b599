import "server-only";
import type { Actor } from "../actor";
import { AppError } from "../../errors";

export const STEP_UP_MINUTES = 10;

/**
 * Sensitive acts (opening a protected identity, unredacted exports, approving a payment,
 * changing roles, emergency erase) need a second-factor check from the last 10 minutes.
 */
export function requireRecentSecondFactor(actor: Pick<Actor, "mfaVerifiedAt">, now = new Date()) {
  const at = actor.mfaVerifiedAt;
  if (!at || now.getTime() - at.getTime() > STEP_UP_MINUTES * 60_000) throw new AppError("stepUpRequired");
}
