// The funding-gap dashboard: US funding the registered organisations lost against what
// Most's programmes committed and paid them, in EUR. A funder's view covers the
// organisations that applied to it and its own grants; the overall view adds up every
// funder and shows aggregates only, never a list of organisations.
import "server-only";
import type { Actor } from "../auth/actor";
import { canPlatform, funderIdsWith } from "../auth/permissions";
import { readDb, Prisma } from "../db";
import { AppError } from "../errors";
import { exportOrg } from "../exports/redaction";

export type GapScope = { kind: "funder"; funderId: string } | { kind: "overall" };

type Sums = { lost: string; committed: string; disbursed: string };
export type GapRow<K extends string> = Sums & Record<K, string>;
export type GapOrg = Sums & { id: string; name: string; isProtected: boolean; place: string; gap: string };

export type FundingGap = {
  scope: GapScope;
  totals: Sums & { coveragePct: string | null; organisations: number; protectedOrganisations: number; unconverted: number };
  byYear: GapRow<"year">[];
  byDonor: Array<{ donor: string; lost: string }>;
  bySector: GapRow<"sector">[];
  byCountry: GapRow<"country">[];
  organisations: GapOrg[] | null;
};

export function canOpenDashboard(actor: Actor): boolean {
  return canPlatform(actor, "exports.unredacted") || funderIdsWith(actor, "dashboard.view").length > 0;
}

/** Funders whose dashboard the actor may open; "all" for platform admins. */
export function dashboardFunders(actor: Actor): string[] | "all" {
  if (canPlatform(actor, "exports.unredacted")) return "all";
  const funders = funderIdsWith(actor, "dashboard.view");
  if (funders.length === 0) throw new AppError("forbidden");
  return funders;
}

const money = (v: Prisma.Decimal | string | null | undefined) => new Prisma.Decimal(v ?? 0).toFixed(2);

export function coverage(committed: string, lost: string): string | null {
  const l = new Prisma.Decimal(lost);
  return l.isZero() ? null : new Prisma.Decimal(committed).div(l).times(100).toDecimalPlaces(1, Prisma.Decimal.ROUND_HALF_UP).toFixed(1);
}

export async function fundingGap(actor: Actor, scope: GapScope): Promise<FundingGap> {
  const allowed = dashboardFunders(actor);
  if (scope.kind === "funder" && allowed !== "all" && !allowed.includes(scope.funderId)) throw new AppError("notFound");
  const grantScope = scope.kind === "funder" ? Prisma.sql`g."funderId" = ${scope.funderId}::uuid` : Prisma.sql`true`;
  // A funder sees the organisations that applied to it (drafts excluded); overall: all.
  const orgScope =
    scope.kind === "funder"
      ? Prisma.sql`o.id IN (SELECT "organisationId" FROM "Application" WHERE "funderId" = ${scope.funderId}::uuid AND status <> 'DRAFT')`
      : Prisma.sql`true`;

  // Lost funding in EUR at the rate of its end date (or the nearest rate when none before).
  const lostSql = Prisma.sql`
    SELECT o.id AS org, lf.donor::text AS donor, extract(year FROM lf."endedOn")::int AS year,
           CASE WHEN lf.currency = 'EUR' THEN lf."annualAmount" ELSE round(lf."annualAmount" / r."perEur", 2) END AS eur
    FROM "LostFunding" lf
    JOIN "Organisation" o ON o.id = lf."organisationId"
    LEFT JOIN LATERAL (
      SELECT "perEur" FROM "FxRate" WHERE currency = lf.currency
      ORDER BY (date <= lf."endedOn") DESC, abs(date - lf."endedOn") LIMIT 1
    ) r ON true
    WHERE ${orgScope}`;
  // Money from Most's programmes: commitments and disbursements net of their reversals.
  const moneySql = Prisma.sql`
    SELECT g."organisationId" AS org, extract(year FROM l."valueDate")::int AS year,
           CASE WHEN l.kind = 'COMMITMENT' OR (l.kind = 'REVERSAL' AND rv.kind = 'COMMITMENT') THEN l."eurAmount" ELSE 0 END AS committed,
           CASE WHEN l.kind = 'DISBURSEMENT' OR (l.kind = 'REVERSAL' AND rv.kind = 'DISBURSEMENT') THEN l."eurAmount" ELSE 0 END AS disbursed
    FROM "LedgerEntry" l
    JOIN "Grant" g ON g.id = l."grantId"
    LEFT JOIN "LedgerEntry" rv ON rv.id = l."reversesId"
    WHERE ${grantScope}`;

  const [totals] = await readDb.$queryRaw<Array<{ lost: Prisma.Decimal | null; unconverted: bigint; organisations: bigint; protected: bigint }>>`
    WITH lost AS (${lostSql})
    SELECT sum(eur) AS lost, count(*) FILTER (WHERE eur IS NULL) AS unconverted,
           (SELECT count(*) FROM "Organisation" o WHERE ${orgScope}) AS organisations,
           (SELECT count(*) FROM "Organisation" o WHERE ${orgScope} AND o."isProtected") AS protected
    FROM lost`;
  const [paid] = await readDb.$queryRaw<Array<{ committed: Prisma.Decimal | null; disbursed: Prisma.Decimal | null }>>`
    WITH m AS (${moneySql}) SELECT sum(committed) AS committed, sum(disbursed) AS disbursed FROM m`;

  const byYear = await readDb.$queryRaw<Array<{ year: number; lost: Prisma.Decimal | null; committed: Prisma.Decimal | null; disbursed: Prisma.Decimal | null }>>`
    WITH lost AS (${lostSql}), m AS (${moneySql}),
      ly AS (SELECT year, sum(eur) AS lost FROM lost GROUP BY year),
      my AS (SELECT year, sum(committed) AS committed, sum(disbursed) AS disbursed FROM m GROUP BY year)
    SELECT COALESCE(ly.year, my.year) AS year, ly.lost, my.committed, my.disbursed
    FROM ly FULL JOIN my ON my.year = ly.year ORDER BY 1`;

  const byDonor = await readDb.$queryRaw<Array<{ donor: string; lost: Prisma.Decimal | null }>>`
    WITH lost AS (${lostSql}) SELECT donor, sum(eur) AS lost FROM lost GROUP BY donor ORDER BY 2 DESC NULLS LAST`;

  // Sector and country: an organisation counts under its first listed sector, so nothing is counted twice.
  const groupBy = async (column: Prisma.Sql) =>
    readDb.$queryRaw<Array<{ key: string; lost: Prisma.Decimal | null; committed: Prisma.Decimal | null; disbursed: Prisma.Decimal | null }>>`
      WITH lost AS (${lostSql}), m AS (${moneySql}),
        orgs AS (SELECT o.id, ${column} AS key FROM "Organisation" o),
        lk AS (SELECT orgs.key, sum(lost.eur) AS lost FROM lost JOIN orgs ON orgs.id = lost.org GROUP BY orgs.key),
        mk AS (SELECT orgs.key, sum(m.committed) AS committed, sum(m.disbursed) AS disbursed FROM m JOIN orgs ON orgs.id = m.org GROUP BY orgs.key)
      SELECT COALESCE(lk.key, mk.key) AS key, lk.lost, mk.committed, mk.disbursed
      FROM lk FULL JOIN mk ON mk.key = lk.key ORDER BY lk.lost DESC NULLS LAST, 1`;
  const [bySector, byCountry] = await Promise.all([
    groupBy(Prisma.sql`COALESCE((o.sectors)[1]::text, 'OTHER')`),
    // Organisations that show only their region are not placed in a country here either.
    groupBy(Prisma.sql`CASE WHEN o."regionOnly" THEN 'REGION_ONLY' ELSE o."operatingCountry"::text END`),
  ]);

  const lost = money(totals?.lost);
  const committed = money(paid?.committed);
  const row = (r: { lost: Prisma.Decimal | null; committed: Prisma.Decimal | null; disbursed: Prisma.Decimal | null }) => ({
    lost: money(r.lost),
    committed: money(r.committed),
    disbursed: money(r.disbursed),
  });
  return {
    scope,
    totals: {
      lost,
      committed,
      disbursed: money(paid?.disbursed),
      coveragePct: coverage(committed, lost),
      organisations: Number(totals?.organisations ?? 0),
      protectedOrganisations: Number(totals?.protected ?? 0),
      unconverted: Number(totals?.unconverted ?? 0),
    },
    byYear: byYear.map((r) => ({ year: String(r.year), ...row(r) })),
    byDonor: byDonor.map((r) => ({ donor: r.donor, lost: money(r.lost) })),
    bySector: bySector.map((r) => ({ sector: r.key, ...row(r) })),
    byCountry: byCountry.map((r) => ({ country: r.key, ...row(r) })),
    organisations: scope.kind === "funder" ? await largestGaps(lostSql, moneySql) : null,
  };
}

/** Organisations with the largest uncovered gap first; protected ones by codename only. */
async function largestGaps(lostSql: Prisma.Sql, moneySql: Prisma.Sql, take = 25): Promise<GapOrg[]> {
  const rows = await readDb.$queryRaw<Array<{ org: string; lost: Prisma.Decimal | null; committed: Prisma.Decimal | null; disbursed: Prisma.Decimal | null }>>`
    WITH lost AS (${lostSql}), m AS (${moneySql}),
      lo AS (SELECT org, sum(eur) AS lost FROM lost GROUP BY org),
      mo AS (SELECT org, sum(committed) AS committed, sum(disbursed) AS disbursed FROM m GROUP BY org)
    SELECT lo.org::text AS org, lo.lost, mo.committed, mo.disbursed
    FROM lo LEFT JOIN mo ON mo.org = lo.org
    ORDER BY COALESCE(lo.lost, 0) - COALESCE(mo.committed, 0) DESC, lo.org
    LIMIT ${take}`;
  if (rows.length === 0) return [];
  const orgs = new Map((await readDb.organisation.findMany({ where: { id: { in: rows.map((r) => r.org) } }, include: { key: true } })).map((o) => [o.id, o]));
  return rows.map((r) => {
    const org = orgs.get(r.org)!;
    const shown = exportOrg(org, false);
    const lostEur = new Prisma.Decimal(r.lost ?? 0);
    return {
      id: org.id,
      name: shown.name,
      isProtected: org.isProtected,
      place: shown.country ?? shown.region,
      lost: money(r.lost),
      committed: money(r.committed),
      disbursed: money(r.disbursed),
      gap: money(Prisma.Decimal.max(lostEur.minus(r.committed ?? 0), 0)),
    };
  });
}

/** The funders whose dashboards the actor may open, for the scope picker. */
export async function dashboardFunderOptions(actor: Actor) {
  const allowed = dashboardFunders(actor);
  return readDb.funder.findMany({ where: allowed === "all" ? {} : { id: { in: allowed } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
