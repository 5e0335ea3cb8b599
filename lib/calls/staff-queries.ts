import "server-only";
import type { Actor } from "../auth/actor";
import { funderIdsWith } from "../auth/permissions";
import { db, Prisma } from "../db";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";

/** Calls of the funders where the actor manages calls. */
export async function listStaffCalls(actor: Actor, locale: Locale) {
  const funderIds = funderIdsWith(actor, "calls.manage");
  const calls = await db.call.findMany({
    where: { programme: { funderId: { in: funderIds } } },
    orderBy: [{ status: "asc" }, { closesAt: "desc" }],
    include: { programme: { select: { name: true, code: true } }, _count: { select: { applications: { where: { status: { not: "DRAFT" } } } } } },
  });
  return calls.map((c) => ({
    id: c.id,
    reference: c.reference,
    title: pickText(c.title, locale),
    kind: c.kind,
    status: c.status,
    programme: c.programme.name,
    currency: c.currency,
    envelope: c.envelope.toFixed(2),
    committed: c.committed.toFixed(2),
    closesAt: c.closesAt,
    applications: c._count.applications,
  }));
}

/** Programmes where the actor may create calls, with the budget not yet reserved. */
export async function listProgrammesForCalls(actor: Actor) {
  const funderIds = funderIdsWith(actor, "calls.manage");
  const programmes = await db.programme.findMany({
    where: { funderId: { in: funderIds } },
    orderBy: { name: "asc" },
    include: { funder: { select: { code: true } }, calls: { where: { status: { in: ["OPEN", "CLOSED"] } }, select: { envelope: true } } },
  });
  return programmes.map((p) => ({
    id: p.id,
    name: `${p.funder.code} · ${p.name}`,
    currency: p.currency,
    budget: p.budget.toFixed(2),
    available: p.calls.reduce((acc, c) => acc.minus(c.envelope), new Prisma.Decimal(p.budget)).toFixed(2),
  }));
}

export async function getStaffCall(actor: Actor, callId: string) {
  const funderIds = funderIdsWith(actor, "calls.manage");
  return db.call.findFirst({
    where: { id: callId, programme: { funderId: { in: funderIds } } },
    include: {
      programme: { select: { name: true, funderId: true } },
      eligibilityCriteria: { orderBy: { position: "asc" } },
      scoringCriteria: { orderBy: { position: "asc" } },
    },
  });
}
