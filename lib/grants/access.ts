import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, type FunderPermission } from "../auth/permissions";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** A grant for staff holding `permission` at its funder (row locked); others: not-found. */
export async function lockGrantForStaff(tx: Tx, actor: Actor, grantId: string, permission: FunderPermission) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("notFound");
  const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId } });
  if (!canAtFunder(actor, permission, grant.funderId)) throw new AppError("notFound");
  return grant;
}
