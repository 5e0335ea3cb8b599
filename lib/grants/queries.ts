import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, funderIdsWith } from "../auth/permissions";
import { db, Prisma } from "../db";
import { peopleOnStaffPage } from "../users/display";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";
import { computeBalances, reconcile } from "../ledger/balances";
import { ownMembership } from "../organisations/policy";

/** Grants of the actor's funders. Protected organisations by codename. */
export async function listGrants(actor: Actor, locale: Locale) {
  const funderIds = funderIdsWith(actor, "grants.view");
  const grants = await db.grant.findMany({
    where: { funderId: { in: funderIds } },
    orderBy: { createdAt: "desc" },
    take: 500,
    include: {
      organisation: { select: { codename: true, publicName: true } },
      call: { select: { title: true } },
      ledgerEntries: { select: { id: true, kind: true, amount: true, eurAmount: true, reversesId: true } },
    },
  });
  return grants.map((g) => ({
    id: g.id,
    number: g.number,
    status: g.status,
    organisation: g.organisation.publicName ?? g.organisation.codename,
    call: pickText(g.call.title, locale),
    amount: g.amount.toFixed(2),
    currency: g.currency,
    ...computeBalances(g.ledgerEntries),
  }));
}

const trancheView = (t: { id: string; sequence: number; plannedAmount: { toFixed(n: number): string }; plannedDate: Date; condition: string; status: string; requestedById: string | null; approvedById: string | null; paidById: string | null; paidAt: Date | null }) => ({
  id: t.id,
  sequence: t.sequence,
  plannedAmount: t.plannedAmount.toFixed(2),
  plannedDate: t.plannedDate,
  condition: t.condition,
  status: t.status,
  requestedById: t.requestedById,
  approvedById: t.approvedById,
  paidById: t.paidById,
  paidAt: t.paidAt,
});

export async function getGrantForStaff(actor: Actor, grantId: string, locale: Locale) {
  const g = await db.grant.findFirst({
    where: { id: grantId, funderId: { in: funderIdsWith(actor, "grants.view") } },
    include: {
      organisation: { select: { id: true, codename: true, publicName: true, isProtected: true } },
      call: { select: { title: true, reference: true } },
      application: { select: { id: true, reference: true, title: true, leadOfficerId: true } },
      tranches: { orderBy: { sequence: "asc" } },
      ledgerEntries: { orderBy: { id: "asc" } },
      budgets: { orderBy: { version: "desc" }, include: { lines: { orderBy: { position: "asc" } } } },
      reports: { orderBy: { dueDate: "asc" } },
    },
  });
  if (!g) return null;
  const people = new Set([...g.tranches.flatMap((t) => [t.requestedById, t.approvedById, t.paidById]), ...g.ledgerEntries.map((e) => e.createdById), ...g.budgets.flatMap((b) => [b.proposedById, b.decidedById])].filter((x): x is string => Boolean(x)));
  const name = await peopleOnStaffPage({ funderId: g.funderId, organisation: g.organisation, entitled: g.application.leadOfficerId === actor.userId }, people, locale);
  const can = (p: Parameters<typeof canAtFunder>[1]) => canAtFunder(actor, p, g.funderId);
  return {
    id: g.id,
    number: g.number,
    version: g.version,
    status: g.status,
    amount: g.amount.toFixed(2),
    currency: g.currency,
    startDate: g.startDate,
    endDate: g.endDate,
    organisation: g.organisation.publicName ?? g.organisation.codename,
    call: `${g.call.reference} · ${pickText(g.call.title, locale)}`,
    application: { id: g.application.id, reference: g.application.reference, title: g.application.title },
    tranches: g.tranches.map((t) => ({ ...trancheView(t), requestedBy: name(t.requestedById), approvedBy: name(t.approvedById), paidBy: name(t.paidById) })),
    /** Tranches past PLANNED are fixed; the schedule editor plans the rest around them. */
    lockedTotal: g.tranches
      .filter((t) => t.status !== "PLANNED" && t.status !== "CANCELLED")
      .reduce((acc, t) => acc.plus(t.plannedAmount), new Prisma.Decimal(0))
      .toFixed(2),
    /** The number the first planned tranche gets when saved (numbering continues after the fixed ones). */
    firstPlannedNumber: 1 + Math.max(0, ...g.tranches.filter((t) => t.status !== "PLANNED" && t.status !== "CANCELLED").map((t) => t.sequence)),
    ledger: g.ledgerEntries.map((e) => ({
      id: e.id.toString(),
      kind: e.kind,
      amount: e.amount.toFixed(2),
      eurAmount: e.eurAmount.toFixed(2),
      eurRate: e.eurRate.toString(),
      valueDate: e.valueDate,
      bankReference: e.bankReference,
      paid: e.paidCurrency ? { currency: e.paidCurrency, amount: e.paidAmount!.toFixed(2), rate: e.paidFxRate!.toString() } : null,
      reversesId: e.reversesId?.toString() ?? null,
      reversed: g.ledgerEntries.some((x) => x.reversesId === e.id),
      noteCode: e.noteCode,
      note: e.note,
      by: name(e.createdById),
    })),
    balances: computeBalances(g.ledgerEntries),
    reconciliation: reconcile(g, g.tranches, g.ledgerEntries),
    budgets: g.budgets.map((b) => ({
      id: b.id,
      version: b.version,
      status: b.status,
      reason: b.reason,
      proposedBy: name(b.proposedById),
      proposedById: b.proposedById,
      decidedBy: name(b.decidedById),
      total: b.lines.reduce((acc, l) => acc.plus(l.amount), new Prisma.Decimal(0)).toFixed(2),
      lines: b.lines.map((l) => ({ category: l.category, description: l.description, amount: l.amount.toFixed(2) })),
    })),
    reports: g.reports.map((r) => ({ id: r.id, kind: r.kind, dueDate: r.dueDate, status: r.status, submittedAt: r.submittedAt })),
    can: {
      manage: can("grants.manage"),
      request: can("payments.request"),
      approve: can("payments.approve"),
      record: can("payments.record"),
      confirmBudget: can("budget.confirm"),
      reviewReports: can("reports.review"),
    },
    me: actor.userId,
  };
}

export type StaffGrantView = NonNullable<Awaited<ReturnType<typeof getGrantForStaff>>>;

/** Payments waiting for each step, at the actor's funders. */
export async function listPaymentWork(actor: Actor) {
  const funderIds = [...new Set([...funderIdsWith(actor, "payments.approve"), ...funderIdsWith(actor, "payments.record"), ...funderIdsWith(actor, "payments.request")])];
  const tranches = await db.tranche.findMany({
    where: { grant: { funderId: { in: funderIds }, status: "ACTIVE" }, status: { in: ["REQUESTED", "APPROVED"] } },
    orderBy: [{ plannedDate: "asc" }],
    include: { grant: { select: { id: true, number: true, currency: true, funderId: true, organisation: { select: { codename: true, publicName: true } } } } },
  });
  const row = (t: (typeof tranches)[number]) => ({
    ...trancheView(t),
    grantId: t.grant.id,
    grantNumber: t.grant.number,
    currency: t.grant.currency,
    organisation: t.grant.organisation.publicName ?? t.grant.organisation.codename,
  });
  return {
    awaitingApproval: tranches.filter((t) => t.status === "REQUESTED" && canAtFunder(actor, "payments.approve", t.grant.funderId)).map(row),
    awaitingPayment: tranches.filter((t) => t.status === "APPROVED" && canAtFunder(actor, "payments.record", t.grant.funderId)).map(row),
  };
}

/** What a member of the grantee organisation sees: schedule, payments received, reports. */
export async function getGrantForMember(actor: Actor, grantId: string) {
  const g = await db.grant.findFirst({
    where: { id: grantId, organisation: { memberships: { some: ownMembership(actor) } } },
    include: {
      tranches: { orderBy: { sequence: "asc" } },
      ledgerEntries: { where: { kind: { in: ["DISBURSEMENT", "REVERSAL"] } }, orderBy: { id: "asc" } },
      reports: { orderBy: { dueDate: "asc" } },
      budgets: { where: { status: "CONFIRMED" }, orderBy: { version: "desc" }, take: 1, include: { lines: { orderBy: { position: "asc" } } } },
      application: { select: { id: true, title: true } },
    },
  });
  if (!g) return null;
  return {
    id: g.id,
    number: g.number,
    status: g.status,
    amount: g.amount.toFixed(2),
    currency: g.currency,
    startDate: g.startDate,
    endDate: g.endDate,
    application: g.application,
    schedule: g.tranches.map((t) => ({ id: t.id, sequence: t.sequence, plannedAmount: t.plannedAmount.toFixed(2), plannedDate: t.plannedDate, condition: t.condition, paid: t.status === "PAID" })),
    // Value date and amount only: no bank references, rates or internal notes.
    payments: g.ledgerEntries.map((e) => ({ kind: e.kind, amount: e.amount.toFixed(2), valueDate: e.valueDate })),
    received: g.ledgerEntries.reduce((acc, e) => acc.plus(e.amount), new Prisma.Decimal(0)).toFixed(2),
    reports: g.reports.map((r) => ({ id: r.id, kind: r.kind, dueDate: r.dueDate, status: r.status, reviewNote: r.status === "CHANGES_REQUESTED" ? r.reviewNote : null })),
    budget: g.budgets[0]?.lines.map((l) => ({ category: l.category, description: l.description, amount: l.amount.toFixed(2) })) ?? [],
  };
}

export async function listMyGrants(actor: Actor) {
  const grants = await db.grant.findMany({
    where: { organisation: { memberships: { some: ownMembership(actor) } } },
    orderBy: { createdAt: "desc" },
    select: { id: true, number: true, amount: true, currency: true, status: true, application: { select: { title: true } } },
  });
  return grants.map((g) => ({ ...g, amount: g.amount.toFixed(2) }));
}
