// Page guards for layouts and pages. They improve the experience (sign-in redirect,
// a 403 page); the domain functions in lib/ still check every permission themselves.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentActor, type Actor } from "./actor";
import { canEnterArea, type Area } from "./permissions";

export async function guardArea(area: Area, path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  if (actor.pendingSecondFactor) redirect(`/mfa?next=${encodeURIComponent(path)}`);
  if (!canEnterArea(actor, area)) forbidden();
  return actor;
}
