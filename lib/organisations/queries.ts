import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { openIdentity } from "./identity";

export type MyOrganisation = {
  id: string;
  name: string;
  codename: string;
  isProtected: boolean;
  operatingStatus: string;
  operatingCountry: string;
  role: string;
  applications: number;
};

/** Organisations the actor is a member of; members always see their own identity. */
export async function listMyOrganisations(actor: Actor): Promise<MyOrganisation[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "asc" },
    include: {
      organisation: {
        include: { key: true, _count: { select: { applications: true } } },
      },
    },
  });
  return memberships.map(({ organisation: o, role }) => ({
    id: o.id,
    name: o.publicName ?? openIdentity(o, o.key)?.displayName ?? o.codename,
    codename: o.codename,
    isProtected: o.isProtected,
    operatingStatus: o.operatingStatus,
    operatingCountry: o.operatingCountry,
    role,
    applications: o._count.applications,
  }));
}
