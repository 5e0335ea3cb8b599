// The staff work queue: filters, sorts and keyset pagination (a cursor of the last row's
// sort value and id), so page 200 costs what page 1 costs. Scoped to the actor's funders.
import "server-only";
import type { ApplicationStatus, CallKind, Sector } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { funderIdsWith } from "../auth/permissions";
import { db, Prisma } from "../db";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";
import { APPLICATION_STATES } from "./workflow";
import { zOptionalAmount } from "../validation";

export const QUEUE_SORTS = ["oldest", "newest", "amountDesc", "amountAsc", "scoreDesc"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_PAGE = 50;

const blank = (v: unknown) => (v === "" ? undefined : v);
// Filters come from the URL: anything malformed is dropped, never an error page.
export const ZQueueFilters = z.object({
  status: z.preprocess(blank, z.enum(APPLICATION_STATES).exclude(["DRAFT"]).optional()).catch(undefined),
  callId: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  country: z.preprocess(blank, z.string().regex(/^[A-Z]{2}$/).optional()).catch(undefined),
  sector: z.preprocess(blank, z.enum(["HUMAN_RIGHTS", "INDEPENDENT_MEDIA", "LEGAL_AID", "EDUCATION", "CULTURE", "ANTI_WAR", "ENVIRONMENT", "WOMENS_RIGHTS", "LGBTQ", "UKRAINE_SUPPORT", "OTHER"]).optional()).catch(undefined),
  kind: z.preprocess(blank, z.enum(["REGULAR", "EMERGENCY"]).optional()).catch(undefined),
  minAmount: zOptionalAmount.catch(undefined),
  maxAmount: zOptionalAmount.catch(undefined),
  sort: z.preprocess(blank, z.enum(QUEUE_SORTS).default("oldest")).catch("oldest"),
  after: z.preprocess(blank, z.string().max(200).optional()).catch(undefined),
});
export type TQueueFilters = z.output<typeof ZQueueFilters>;

type Cursor = { v: string | null; id: string };

function encodeCursor(c: Cursor) {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    return typeof c.id === "string" && /^[0-9a-f-]{36}$/.test(c.id) ? c : null;
  } catch {
    return null;
  }
}

type Row = {
  id: string;
  reference: string;
  title: string;
  status: ApplicationStatus;
  requestedAmount: Prisma.Decimal | null;
  currency: string;
  submittedAt: Date | null;
  scoreAvg: Prisma.Decimal | null;
  scoreSpread: Prisma.Decimal | null;
  callTitle: unknown;
  callKind: CallKind;
  codename: string;
  publicName: string | null;
  operatingCountry: string;
  sectors: Sector[];
  sortValue: string | null;
};

// Fixed sort expressions: the only SQL that varies, chosen from this table.
const SORTS: Record<QueueSort, { expr: Prisma.Sql; desc: boolean; cast: Prisma.Sql }> = {
  oldest: { expr: Prisma.sql`a."submittedAt"`, desc: false, cast: Prisma.sql`::timestamptz` },
  newest: { expr: Prisma.sql`a."submittedAt"`, desc: true, cast: Prisma.sql`::timestamptz` },
  amountDesc: { expr: Prisma.sql`a."requestedAmount"`, desc: true, cast: Prisma.sql`::numeric` },
  amountAsc: { expr: Prisma.sql`a."requestedAmount"`, desc: false, cast: Prisma.sql`::numeric` },
  scoreDesc: { expr: Prisma.sql`COALESCE(a."scoreAvg", -1)`, desc: true, cast: Prisma.sql`::numeric` },
};

export async function listQueue(actor: Actor, filters: TQueueFilters, locale: Locale, now = new Date()) {
  const funderIds = funderIdsWith(actor, "applications.view");
  if (funderIds.length === 0) return { rows: [], next: null };
  const sort = SORTS[filters.sort];
  const cursor = decodeCursor(filters.after);
  const conditions: Prisma.Sql[] = [
    Prisma.sql`a."funderId" = ANY(${funderIds}::uuid[])`,
    Prisma.sql`a.status <> 'DRAFT'`,
  ];
  if (filters.status) conditions.push(Prisma.sql`a.status = ${filters.status}::"ApplicationStatus"`);
  if (filters.callId) conditions.push(Prisma.sql`a."callId" = ${filters.callId}::uuid`);
  if (filters.country) conditions.push(Prisma.sql`o."operatingCountry" = ${filters.country}`);
  if (filters.sector) conditions.push(Prisma.sql`${filters.sector}::"Sector" = ANY(o.sectors)`);
  if (filters.kind) conditions.push(Prisma.sql`c.kind = ${filters.kind}::"CallKind"`);
  if (filters.minAmount) conditions.push(Prisma.sql`a."requestedAmount" >= ${filters.minAmount}::numeric`);
  if (filters.maxAmount) conditions.push(Prisma.sql`a."requestedAmount" <= ${filters.maxAmount}::numeric`);
  if (cursor) {
    const v = Prisma.sql`${cursor.v}${sort.cast}`;
    conditions.push(
      sort.desc
        ? Prisma.sql`(${sort.expr}, a.id) < (${v}, ${cursor.id}::uuid)`
        : Prisma.sql`(${sort.expr}, a.id) > (${v}, ${cursor.id}::uuid)`,
    );
  }
  const direction = sort.desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT a.id, a.reference, a.title, a.status, a."requestedAmount", a.currency, a."submittedAt",
           a."scoreAvg", a."scoreSpread", c.title AS "callTitle", c.kind AS "callKind",
           o.codename, o."publicName", o."operatingCountry", o.sectors,
           (${sort.expr})::text AS "sortValue"
    FROM "Application" a
    JOIN "Call" c ON c.id = a."callId"
    JOIN "Organisation" o ON o.id = a."organisationId"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${sort.expr} ${direction}, a.id ${direction}
    LIMIT ${QUEUE_PAGE + 1}`;
  const page = rows.slice(0, QUEUE_PAGE);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      requestedAmount: r.requestedAmount ? new Prisma.Decimal(r.requestedAmount).toFixed(2) : null,
      currency: r.currency,
      submittedAt: r.submittedAt,
      ageHours: r.submittedAt ? Math.floor((now.getTime() - r.submittedAt.getTime()) / 3_600_000) : null,
      scoreAvg: r.scoreAvg ? new Prisma.Decimal(r.scoreAvg).toFixed(2) : null,
      scoreSpread: r.scoreSpread ? new Prisma.Decimal(r.scoreSpread).toFixed(2) : null,
      callTitle: pickText(r.callTitle, locale),
      emergency: r.callKind === "EMERGENCY",
      // Lists never open a sealed identity; a protected organisation is its codename.
      organisationLabel: r.publicName ?? r.codename,
      country: r.operatingCountry,
      sectors: r.sectors,
    })),
    next: rows.length > QUEUE_PAGE && last ? encodeCursor({ v: last.sortValue, id: last.id }) : null,
  };
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];

/** Calls of the actor's funders, for the queue's call filter. */
export async function listQueueCalls(actor: Actor, locale: Locale) {
  const funderIds = funderIdsWith(actor, "applications.view");
  const calls = await db.call.findMany({
    where: { programme: { funderId: { in: funderIds } }, status: { not: "DRAFT" } },
    orderBy: { closesAt: "desc" },
    select: { id: true, title: true, reference: true },
  });
  return calls.map((c) => ({ id: c.id, label: `${c.reference} · ${pickText(c.title, locale)}` }));
}
