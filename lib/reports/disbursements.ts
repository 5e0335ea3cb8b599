// The disbursement report: every payment and payment reversal in scope, read in keyset
// batches so an export of a million rows holds one batch in memory at a time.
import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { canPlatform, funderIdsWith } from "../auth/permissions";
import { requireRecentSecondFactor } from "../auth/mfa/step-up";
import { writeAudit } from "../audit/write";
import type { ExportKind } from "../audit/events";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { zDate } from "../validation";
import { exportOrg, type OrgForExport } from "../exports/redaction";
import type { OrganisationIdentity } from "../organisations/identity";

const blank = (v: unknown) => (v === "" ? undefined : v);
const optional = <T extends z.ZodType>(t: T) => z.preprocess(blank, t.optional());

export const ZDisbursementFilters = z.object({
  from: optional(zDate),
  to: optional(zDate),
  funderId: optional(z.uuid()),
  programmeId: optional(z.uuid()),
  callId: optional(z.uuid()),
  grantId: optional(z.uuid()),
  organisationId: optional(z.uuid()),
  country: optional(z.string().regex(/^[A-Z]{2}$/, "errors.field.country")),
  currency: optional(z.string().regex(/^[A-Z]{3}$/, "errors.field.currency")),
  status: optional(z.enum(["ACTIVE", "SUSPENDED", "CLOSED", "TERMINATED"])),
  unredacted: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).default(false),
});
export type TDisbursementFilters = z.output<typeof ZDisbursementFilters>;

export type DisbursementRow = {
  entryId: string;
  valueDate: string;
  kind: "DISBURSEMENT" | "REVERSAL";
  grantNumber: string;
  grantStatus: string;
  funder: string;
  programme: string;
  call: string;
  organisation: string;
  organisationId: string;
  country: string;
  region: string;
  amount: string;
  currency: string;
  eurAmount: string;
  eurRate: string;
  bankReference: string;
  legalName?: string;
};

export type Totals = { byCurrency: Array<{ currency: string; amount: string; eur: string; rows: number }>; eur: string; rows: number };

type Raw = Omit<DisbursementRow, "organisation" | "country" | "region" | "legalName"> & { organisationKey: string };

export const BATCH = 5000;

/** Who may export, and which funders' data. Unredacted: platform admins, fresh second factor. */
export function exportScope(actor: Actor, unredacted: boolean): string[] | "all" {
  if (unredacted) {
    if (!canPlatform(actor, "exports.unredacted")) throw new AppError("forbidden");
    requireRecentSecondFactor(actor);
    return "all";
  }
  if (canPlatform(actor, "exports.unredacted")) return "all";
  const funders = funderIdsWith(actor, "exports.run");
  if (funders.length === 0) throw new AppError("forbidden");
  return funders;
}

export function disbursementWhere(scope: string[] | "all", f: TDisbursementFilters, after: bigint): Prisma.Sql {
  const c: Prisma.Sql[] = [Prisma.sql`l.id > ${after}`, Prisma.sql`(l.kind = 'DISBURSEMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'DISBURSEMENT'))`];
  if (scope !== "all") c.push(Prisma.sql`g."funderId" = ANY(${scope}::uuid[])`);
  if (f.from) c.push(Prisma.sql`l."valueDate" >= ${f.from}::date`);
  if (f.to) c.push(Prisma.sql`l."valueDate" <= ${f.to}::date`);
  if (f.funderId) c.push(Prisma.sql`g."funderId" = ${f.funderId}::uuid`);
  if (f.programmeId) c.push(Prisma.sql`g."programmeId" = ${f.programmeId}::uuid`);
  if (f.callId) c.push(Prisma.sql`g."callId" = ${f.callId}::uuid`);
  if (f.grantId) c.push(Prisma.sql`g.id = ${f.grantId}::uuid`);
  if (f.organisationId) c.push(Prisma.sql`g."organisationId" = ${f.organisationId}::uuid`);
  // A region-only organisation's country is not shown, so it must not be findable by it either.
  if (f.country) c.push(f.unredacted ? Prisma.sql`org."operatingCountry" = ${f.country}` : Prisma.sql`org."operatingCountry" = ${f.country} AND NOT org."regionOnly"`);
  if (f.currency) c.push(Prisma.sql`l.currency = ${f.currency}`);
  if (f.status) c.push(Prisma.sql`g.status = ${f.status}::"GrantStatus"`);
  return Prisma.join(c, " AND ");
}

/** The report's tables, shared with the COPY exports (lib/exports/disbursement-sql.ts). */
export const DISBURSEMENT_FROM = Prisma.sql`
  FROM "LedgerEntry" l
  LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
  JOIN "Grant" g ON g.id = l."grantId"
  JOIN "Funder" f ON f.id = g."funderId"
  JOIN "Programme" p ON p.id = g."programmeId"
  JOIN "Call" c ON c.id = g."callId"
  JOIN "Organisation" org ON org.id = g."organisationId"`;

/** Rows in ledger order, batch by batch; `totals` is complete when the iteration ends. */
export async function* disbursementRows(scope: string[] | "all", filters: TDisbursementFilters, totals: Totals, batchSize = BATCH): AsyncGenerator<DisbursementRow> {
  const orgs = new Map<string, OrgForExport>();
  const identities = new Map<string, OrganisationIdentity | null>();
  const sums = new Map<string, { amount: Prisma.Decimal; eur: Prisma.Decimal; rows: number }>();
  let after = 0n;
  for (;;) {
    const batch = await db.$queryRaw<Raw[]>`
      SELECT l.id::text AS "entryId", to_char(l."valueDate", 'YYYY-MM-DD') AS "valueDate", l.kind::text AS kind,
             g.number AS "grantNumber", g.status::text AS "grantStatus", f.code AS funder, p.code AS programme, c.reference AS call,
             g."organisationId"::text AS "organisationKey", l.amount::text AS amount, l.currency, l."eurAmount"::text AS "eurAmount",
             l."eurRate"::text AS "eurRate", COALESCE(l."bankReference", '') AS "bankReference"
      ${DISBURSEMENT_FROM}
      WHERE ${disbursementWhere(scope, filters, after)}
      ORDER BY l.id
      LIMIT ${batchSize}`;
    if (batch.length === 0) break;
    const missing = [...new Set(batch.map((r) => r.organisationKey))].filter((id) => !orgs.has(id));
    if (missing.length) {
      const rows = await db.organisation.findMany({ where: { id: { in: missing } }, include: { key: true } });
      for (const o of rows) orgs.set(o.id, o);
    }
    for (const r of batch) {
      const org = exportOrg(orgs.get(r.organisationKey)!, filters.unredacted, identities);
      const s = sums.get(r.currency) ?? { amount: new Prisma.Decimal(0), eur: new Prisma.Decimal(0), rows: 0 };
      s.amount = s.amount.plus(r.amount);
      s.eur = s.eur.plus(r.eurAmount);
      s.rows++;
      sums.set(r.currency, s);
      const { organisationKey: _key, ...rest } = r;
      yield { ...rest, kind: r.kind as DisbursementRow["kind"], organisation: org.name, organisationId: org.id, country: org.country ?? "", region: org.region, ...(filters.unredacted ? { legalName: org.legalName ?? "" } : {}) };
    }
    after = BigInt(batch.at(-1)!.entryId);
    if (batch.length < batchSize) break;
  }
  const byCurrency = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => ({ currency, amount: s.amount.toFixed(2), eur: s.eur.toFixed(2), rows: s.rows }));
  totals.byCurrency = byCurrency;
  totals.eur = byCurrency.reduce((acc, c) => acc.plus(c.eur), new Prisma.Decimal(0)).toFixed(2);
  totals.rows = byCurrency.reduce((acc, c) => acc + c.rows, 0);
}

/**
 * Every export is an audit event, one per funder whose data it covers, so each funder's own
 * audit trail shows it: a platform-wide (or unredacted) export is on every funder's record;
 * an unredacted one says so.
 */
export async function recordExport(actor: Actor, kind: ExportKind, format: string, filters: object, unredacted: boolean, scope: string[] | "all") {
  const filtered = (filters as { funderId?: string }).funderId;
  const covered = scope === "all" ? (await db.funder.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((f) => f.id) : scope;
  const funders: Array<string | null> = filtered && covered.includes(filtered) ? [filtered] : covered.length > 0 ? covered : [null];
  await db.$transaction(async (tx) => {
    for (const funderId of funders) {
      await writeAudit(tx, { userId: actor.userId, role: unredacted || canPlatform(actor, "exports.unredacted") ? "ADMIN" : "AUDITOR" }, {
        action: unredacted ? "export.unredacted" : "export.created",
        entityType: "Export",
        entityId: kind,
        funderId,
        after: { kind, format, filters, unredacted },
      });
    }
  });
}
