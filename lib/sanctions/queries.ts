// What the platform admin sees of the lists: each list's versions with their differences.
import "server-only";
import type { Actor } from "../auth/actor";
import { canPlatform } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";

export async function listVersions(actor: Actor) {
  if (!canPlatform(actor, "sanctions.manage")) throw new AppError("forbidden");
  const [versions, inForce] = await Promise.all([
    db.sanctionsListVersion.findMany({ orderBy: [{ importedAt: "desc" }, { id: "desc" }], take: 100 }),
    db.$queryRaw<{ id: string }[]>`SELECT v AS id FROM most_sanctions_versions_in_force() v`,
  ]);
  const current = new Set(inForce.map((r) => r.id));
  return versions.map((v) => ({ ...v, inForce: current.has(v.id) }));
}
