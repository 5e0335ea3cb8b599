import "server-only";
import type { MemberRole } from "@prisma/client";
import type { Actor } from "../auth/actor";
import type { Tx } from "../db";
import { AppError } from "../errors";

/**
 * The `where` of the actor's own membership rows, read fresh from the database. Before the
 * second factor the actor holds no memberships (lib/auth/actor.ts), so it matches none.
 */
export function ownMembership(actor: Pick<Actor, "userId" | "pendingSecondFactor">) {
  return { userId: actor.pendingSecondFactor ? { in: [] as string[] } : actor.userId };
}

/**
 * The actor's membership of an organisation, read inside the transaction. A stranger
 * gets not-found (the same answer as for an organisation that does not exist); a member
 * without the needed role gets forbidden.
 */
export async function requireMembership(tx: Tx, actor: Actor, organisationId: string, role?: MemberRole) {
  const membership = await tx.membership.findFirst({ where: { ...ownMembership(actor), organisationId } });
  if (!membership) throw new AppError("notFound");
  if (role === "ADMIN" && membership.role !== "ADMIN") throw new AppError("forbidden");
  return membership;
}
