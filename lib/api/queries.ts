// The API's reads, scoped to the token's funder and checked against its scopes. Organisations
// appear as on staff pages (public name, else codename): no identity is ever opened here.
import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { computeBalances } from "../ledger/balances";
import { decodeIdCursor, decodeUpdatedCursor, encodeCursor } from "./cursor";
import type { ApiPrincipal } from "./principal";
import type { ApiScopeName } from "./scopes";
import type { TGrant, TGrantsQuery, TLedgerEntry, TLedgerQuery, TTranche, TTranchesQuery } from "./schemas";

export function requireScope(p: ApiPrincipal, scope: ApiScopeName) {
  if (!p.scopes.has(scope)) throw new AppError("forbidden", undefined, { scope });
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const badCursor = () => new AppError("validation", { cursor: "api.problem.cursor" });

/** Rows after the cursor in (updatedAt, id) order, changed at or after `since`. */
function updatedWindow(cursor: string | undefined, since: string | undefined) {
  const and: Array<Record<string, unknown>> = [];
  if (since) and.push({ updatedAt: { gte: new Date(since) } });
  if (cursor) {
    const c = decodeUpdatedCursor(cursor);
    if (!c) throw badCursor();
    and.push({ OR: [{ updatedAt: { gt: c.updatedAt } }, { updatedAt: c.updatedAt, id: { gt: c.id } }] });
  }
  return and;
}

function paged<R extends { updatedAt: Date; id: string }, T>(rows: R[], limit: number, view: (r: R) => T) {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { data: items.map(view), nextCursor: more && last ? encodeCursor({ u: last.updatedAt.toISOString(), i: last.id }) : null };
}

const grantInclude = {
  organisation: { select: { codename: true, publicName: true } },
  call: { select: { reference: true } },
  ledgerEntries: { select: { id: true, kind: true, amount: true, eurAmount: true, reversesId: true } },
} satisfies Prisma.GrantInclude;

type GrantRow = Prisma.GrantGetPayload<{ include: typeof grantInclude }>;

const grantView = (g: GrantRow): TGrant => ({
  id: g.id,
  number: g.number,
  status: g.status,
  organisation: g.organisation.publicName ?? g.organisation.codename,
  callReference: g.call.reference,
  amount: g.amount.toFixed(2),
  currency: g.currency,
  startDate: day(g.startDate),
  endDate: day(g.endDate),
  balances: computeBalances(g.ledgerEntries),
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

type TrancheRow = Prisma.TrancheGetPayload<{ include: { grant: { select: { number: true; currency: true } } } }>;

const trancheView = (t: TrancheRow): TTranche => ({
  id: t.id,
  grantId: t.grantId,
  grantNumber: t.grant.number,
  sequence: t.sequence,
  plannedAmount: t.plannedAmount.toFixed(2),
  currency: t.grant.currency,
  plannedDate: day(t.plannedDate),
  condition: t.condition,
  status: t.status,
  requestedAt: t.requestedAt?.toISOString() ?? null,
  approvedAt: t.approvedAt?.toISOString() ?? null,
  paidAt: t.paidAt?.toISOString() ?? null,
  updatedAt: t.updatedAt.toISOString(),
});

export async function apiListGrants(p: ApiPrincipal, q: TGrantsQuery) {
  requireScope(p, "grants:read");
  const rows = await db.grant.findMany({
    where: { funderId: p.funderId, ...(q.status ? { status: q.status } : {}), AND: updatedWindow(q.cursor, q.updatedSince) },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    include: grantInclude,
  });
  return paged(rows, q.limit, grantView);
}

/** One grant with its schedule; another funder's grant is not found, exactly like a missing one. */
export async function apiGetGrant(p: ApiPrincipal, grantId: string) {
  requireScope(p, "grants:read");
  const g = await db.grant.findFirst({
    where: { id: grantId, funderId: p.funderId },
    include: { ...grantInclude, tranches: { orderBy: { sequence: "asc" }, include: { grant: { select: { number: true, currency: true } } } } },
  });
  if (!g) throw new AppError("notFound");
  return { ...grantView(g), tranches: g.tranches.map(trancheView) };
}

export async function apiListTranches(p: ApiPrincipal, q: TTranchesQuery) {
  requireScope(p, "payments:read");
  const rows = await db.tranche.findMany({
    where: { grant: { funderId: p.funderId }, ...(q.status ? { status: q.status } : {}), ...(q.grantId ? { grantId: q.grantId } : {}), AND: updatedWindow(q.cursor, q.updatedSince) },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    include: { grant: { select: { number: true, currency: true } } },
  });
  return paged(rows, q.limit, trancheView);
}

/** The ledger in entry order (append-only: entries are only added, so `updatedSince` reads their creation). */
export async function apiListLedger(p: ApiPrincipal, q: TLedgerQuery) {
  requireScope(p, "payments:read");
  const after = q.cursor ? decodeIdCursor(q.cursor) : null;
  if (q.cursor && after === null) throw badCursor();
  const rows = await db.ledgerEntry.findMany({
    where: {
      grant: { funderId: p.funderId },
      ...(q.grantId ? { grantId: q.grantId } : {}),
      ...(q.updatedSince ? { createdAt: { gte: new Date(q.updatedSince) } } : {}),
      ...(after !== null ? { id: { gt: after } } : {}),
    },
    orderBy: { id: "asc" },
    take: q.limit + 1,
    include: { grant: { select: { number: true } } },
  });
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const data = items.map((e): TLedgerEntry => ({
    id: e.id.toString(),
    grantId: e.grantId,
    grantNumber: e.grant.number,
    trancheId: e.trancheId,
    kind: e.kind,
    amount: e.amount.toFixed(2),
    currency: e.currency,
    eurAmount: e.eurAmount.toFixed(2),
    eurRate: e.eurRate.toString(),
    valueDate: day(e.valueDate),
    reversesId: e.reversesId?.toString() ?? null,
    bankReference: e.bankReference,
    paid: e.paidCurrency ? { currency: e.paidCurrency, amount: e.paidAmount!.toFixed(2), rate: e.paidFxRate!.toString() } : null,
    noteCode: e.noteCode,
    createdAt: e.createdAt.toISOString(),
  }));
  const last = items[items.length - 1];
  return { data, nextCursor: more && last ? encodeCursor({ e: last.id.toString() }) : null };
}
