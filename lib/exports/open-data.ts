// Grants and their transactions as the open-data formats (IATI, 360Giving) need them,
// redacted like every export: protected organisations by codename and generated id,
// with a neutral title and description.
import "server-only";
import type { Sector } from "@prisma/client";
import { db } from "../db";
import { pickText } from "../i18n/localized";
import type { OrganisationIdentity } from "../organisations/identity";
import { exportOrg, type ExportedOrg } from "./redaction";

export const DAC_SECTOR: Record<Sector, { code: string; title: string }> = {
  HUMAN_RIGHTS: { code: "15160", title: "Human rights" },
  INDEPENDENT_MEDIA: { code: "15153", title: "Media and free flow of information" },
  LEGAL_AID: { code: "15130", title: "Legal and judicial development" },
  EDUCATION: { code: "11130", title: "Teacher training" },
  CULTURE: { code: "16061", title: "Culture and recreation" },
  ANTI_WAR: { code: "15220", title: "Civilian peace-building, conflict prevention and resolution" },
  ENVIRONMENT: { code: "41010", title: "Environmental policy and administrative management" },
  WOMENS_RIGHTS: { code: "15170", title: "Women's rights organisations and movements, and government institutions" },
  LGBTQ: { code: "15160", title: "Human rights" },
  UKRAINE_SUPPORT: { code: "72010", title: "Material relief assistance and services" },
  OTHER: { code: "15150", title: "Democratic participation and civil society" },
};

export type OpenGrant = {
  number: string;
  title: string;
  description: string;
  currency: string;
  amount: string;
  awardDate: string;
  startDate: string;
  endDate: string;
  durationMonths: number;
  status: string;
  funder: { id: string; name: string };
  programme: { code: string; name: string };
  recipient: ExportedOrg;
  sectors: Array<{ code: string; title: string }>;
  transactions: Array<{ id: string; type: "commitment" | "disbursement"; date: string; valueDate: string; amount: string }>;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export function funderOrgId(f: { orgRef: string | null; code: string }) {
  return f.orgRef ?? `XI-MOST-${f.code}`;
}

type Tx = { grantId: string; id: string; commitment: boolean; date: string; valueDate: string; amount: string };

/**
 * Grants of the given funders (or all), ready for the open-data writers, a batch of grants at
 * a time (keyset on the grant number) with their transactions read as plain rows, so an
 * export of a million transactions never holds more than one batch.
 */
export async function* openGrantBatches(scope: string[] | "all", unredacted = false, batchSize = 20): AsyncGenerator<OpenGrant[]> {
  const identities = new Map<string, OrganisationIdentity | null>();
  let after: string | undefined;
  for (;;) {
    const grants = await db.grant.findMany({
      where: { ...(scope === "all" ? {} : { funderId: { in: scope } }), ...(after === undefined ? {} : { number: { gt: after } }) },
      orderBy: { number: "asc" },
      take: batchSize,
      include: {
        funder: true,
        programme: true,
        organisation: { include: { key: true } },
        application: { select: { title: true, sections: true, durationMonths: true, decidedAt: true } },
      },
    });
    if (grants.length === 0) return;
    const txs = await db.$queryRaw<Tx[]>`
      SELECT l."grantId"::text AS "grantId", l.id::text AS id, (l.kind = 'COMMITMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'COMMITMENT')) AS commitment,
             to_char(l."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, to_char(l."valueDate", 'YYYY-MM-DD') AS "valueDate", l.amount::text AS amount
      FROM "LedgerEntry" l LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
      WHERE l."grantId" = ANY(${grants.map((g) => g.id)}::uuid[])
      ORDER BY l."grantId", l.id`;
    const byGrant = new Map<string, Tx[]>();
    for (const t of txs) {
      const list = byGrant.get(t.grantId);
      if (list) list.push(t);
      else byGrant.set(t.grantId, [t]);
    }
    yield grants.map((g) => {
      const hidden = g.organisation.isProtected && !unredacted;
      const months = g.application.durationMonths ?? 12;
      const sectors = [...new Map(g.organisation.sectors.map((s) => [DAC_SECTOR[s].code, DAC_SECTOR[s]])).values()];
      return {
        number: g.number,
        title: hidden ? `Grant ${g.number}` : g.application.title,
        description: hidden ? "Support to a protected civil-society organisation." : pickText({ en: (g.application.sections as Record<string, string>)?.summary }, "en") || g.application.title,
        currency: g.currency,
        amount: g.amount.toFixed(2),
        awardDate: day(g.application.decidedAt ?? g.createdAt),
        startDate: day(g.startDate),
        endDate: day(g.endDate),
        durationMonths: months,
        status: g.status,
        funder: { id: funderOrgId(g.funder), name: g.funder.name },
        programme: { code: g.programme.code, name: g.programme.name },
        recipient: exportOrg(g.organisation, unredacted, identities),
        sectors: sectors.length ? sectors : [DAC_SECTOR.OTHER],
        transactions: (byGrant.get(g.id) ?? []).map((t) => ({ id: t.id, type: t.commitment ? ("commitment" as const) : ("disbursement" as const), date: t.date, valueDate: t.valueDate, amount: t.amount })),
      };
    });
    if (grants.length < batchSize) return;
    after = grants.at(-1)!.number;
  }
}

/** Every grant at once: for small sets (tests, validation), not for downloads. */
export async function loadOpenGrants(scope: string[] | "all", unredacted = false): Promise<OpenGrant[]> {
  const all: OpenGrant[] = [];
  for await (const batch of openGrantBatches(scope, unredacted)) all.push(...batch);
  return all;
}
