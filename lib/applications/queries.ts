import "server-only";
import type { ApplicationStatus } from "@prisma/client";
import type { Actor } from "../auth/actor";
import { funderIdsWith } from "../auth/permissions";
import { db } from "../db";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";
import { openIdentity } from "../organisations/identity";
import { ownMembership } from "../organisations/policy";

export type ApplicationRow = {
  id: string;
  reference: string;
  title: string;
  status: ApplicationStatus;
  callTitle: string;
  organisationLabel: string;
  requestedAmount: string | null;
  currency: string;
  submittedAt: Date | null;
  updatedAt: Date;
};

/** Applications of the organisations the actor belongs to. */
export async function listMyApplications(actor: Actor, locale: Locale): Promise<ApplicationRow[]> {
  const rows = await db.application.findMany({
    where: { organisation: { memberships: { some: ownMembership(actor) } } },
    orderBy: { updatedAt: "desc" },
    take: 200,
    include: { call: { select: { title: true } }, organisation: { include: { key: true } } },
  });
  return rows.map((a) => ({
    id: a.id,
    reference: a.reference,
    title: a.title,
    status: a.status,
    callTitle: pickText(a.call.title, locale),
    organisationLabel:
      a.organisation.publicName ?? openIdentity(a.organisation, a.organisation.key)?.displayName ?? a.organisation.codename,
    requestedAmount: a.requestedAmount?.toFixed(2) ?? null,
    currency: a.currency,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
  }));
}

/**
 * Submitted applications at the funders where the actor may view applications.
 * Protected organisations appear by codename.
 */
export async function listStaffQueue(actor: Actor, locale: Locale): Promise<ApplicationRow[]> {
  const funderIds = funderIdsWith(actor, "applications.view");
  if (funderIds.length === 0) return [];
  const rows = await db.application.findMany({
    where: { status: { not: "DRAFT" }, call: { programme: { funderId: { in: funderIds } } } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: 100,
    include: {
      call: { select: { title: true } },
      organisation: { select: { codename: true, publicName: true, isProtected: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    reference: a.reference,
    title: a.title,
    status: a.status,
    callTitle: pickText(a.call.title, locale),
    // Lists never open a protected identity: that happens on the detail page, audited.
    organisationLabel: a.organisation.publicName ?? a.organisation.codename,
    requestedAmount: a.requestedAmount?.toFixed(2) ?? null,
    currency: a.currency,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
  }));
}
