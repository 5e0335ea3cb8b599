import "server-only";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { openIdentity, organisationDataKey } from "./identity";
import { openInvitationEmail } from "./invitation-email";
import { openPerson, PERSON_FIELDS } from "../users/personal-data";
import { ownMembership } from "./policy";

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
    where: ownMembership(actor),
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

export type OrganisationDetail = Awaited<ReturnType<typeof getMyOrganisation>>;

/** Full profile for a member of the organisation; anyone else gets null (not-found). */
export async function getMyOrganisation(actor: Actor, organisationId: string) {
  const membership = await db.membership.findFirst({ where: { ...ownMembership(actor), organisationId } });
  if (!membership) return null;
  const o = await db.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    include: {
      key: true,
      lostFunding: { orderBy: { endedOn: "desc" } },
      memberships: { include: { user: { select: PERSON_FIELDS } }, orderBy: { createdAt: "asc" } },
      invitations: { where: { acceptedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } },
    },
  });
  const identity = openIdentity(o, o.key);
  // Members see their colleagues and the addresses they invited (the organisation's key).
  const dataKey = await organisationDataKey(db, o.id);
  const invitations = await Promise.all(o.invitations.map(async (i) => ({ id: i.id, email: (await openInvitationEmail(db, i, dataKey)) ?? "—", role: i.role, expiresAt: i.expiresAt })));
  if (o.isProtected && identity) {
    // Every view of a protected identity is on record, a member's own view included.
    await db.$transaction((tx) =>
      writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, { action: "identity.viewed", entityType: "Organisation", entityId: o.id, organisationId: o.id, after: { by: "member" } }),
    );
  }
  return {
    id: o.id,
    version: o.version,
    codename: o.codename,
    isProtected: o.isProtected,
    regionOnly: o.regionOnly,
    erased: Boolean(o.key?.destroyedAt),
    identity,
    operatingStatus: o.operatingStatus,
    operatingCountry: o.operatingCountry,
    registrationCountry: o.registrationCountry,
    sectors: o.sectors,
    foundedYear: o.foundedYear,
    staffSize: o.staffSize,
    annualBudget: o.annualBudget?.toFixed(2) ?? null,
    annualBudgetCurrency: o.annualBudgetCurrency,
    myRole: membership.role,
    lostFunding: o.lostFunding.map((l) => ({
      id: l.id,
      donor: l.donor,
      donorOther: l.donorOther,
      programmeName: l.programmeName,
      annualAmount: l.annualAmount.toFixed(2),
      currency: l.currency,
      startedOn: l.startedOn,
      endedOn: l.endedOn,
      purpose: l.purpose,
    })),
    members: o.memberships.map((m) => ({ id: m.id, ...(openPerson(m.user) ?? { name: "—", email: "—" }), role: m.role })),
    invitations,
  };
}
