// The API's shapes, once: route handlers parse queries with them, responses are built to them,
// and the OpenAPI document (openapi.ts) is generated from them with z.toJSONSchema.
import { z } from "zod";

/** The document's components: each schema registered here becomes #/components/schemas/<id>. */
export const API_COMPONENTS = z.registry<{ id: string; description?: string }>();
const component = <T extends z.ZodType>(schema: T, id: string, description?: string): T => {
  API_COMPONENTS.add(schema, description ? { id, description } : { id });
  return schema;
};

const money = z.string().regex(/^-?\d+\.\d{2}$/).meta({ description: "Decimal amount with two places, as text (never a float)", examples: ["30000.00"] });
const currency = z.string().regex(/^[A-Z]{3}$/).meta({ description: "ISO 4217 code", examples: ["EUR"] });
const day = z.iso.date().meta({ description: "Calendar day (UTC)" });
const instant = z.iso.datetime({ offset: true }).meta({ description: "Instant, ISO 8601 with milliseconds" });

export const ZGrantStatus = z.enum(["ACTIVE", "SUSPENDED", "CLOSED", "TERMINATED"]);
export const ZTrancheStatus = z.enum(["PLANNED", "REQUESTED", "APPROVED", "PAID", "CANCELLED"]);

export const ZBalances = component(z.object({ committed: money, disbursed: money, remaining: money, disbursedEur: money }), "Balances", "Sums over the ledger in the grant's currency (disbursedEur in EUR)");

export const ZGrant = component(
  z.object({
    id: z.uuid(),
    number: z.string().meta({ examples: ["CZ-MFA-2026-0042"] }),
    status: ZGrantStatus,
    organisation: z.string().meta({ description: "The organisation's public name, or its codename when it is protected: never a protected identity" }),
    callReference: z.string(),
    amount: money,
    currency,
    startDate: day,
    endDate: day,
    balances: ZBalances,
    createdAt: instant,
    updatedAt: instant,
  }), "Grant");

export const ZTranche = component(
  z.object({
    id: z.uuid(),
    grantId: z.uuid(),
    grantNumber: z.string(),
    sequence: z.int().min(1),
    plannedAmount: money,
    currency,
    plannedDate: day,
    condition: z.enum(["NONE", "INTERIM_REPORT_ACCEPTED", "FINAL_REPORT_ACCEPTED"]),
    status: ZTrancheStatus,
    requestedAt: instant.nullable(),
    approvedAt: instant.nullable(),
    paidAt: instant.nullable(),
    updatedAt: instant,
  }), "Tranche", "A scheduled payment of a grant; APPROVED ones are due for payment");

export const ZGrantDetail = component(ZGrant.extend({ tranches: z.array(ZTranche) }), "GrantDetail");

export const ZLedgerEntry = component(
  z.object({
    id: z.string().regex(/^\d+$/).meta({ description: "Increasing number of the entry (append-only ledger)" }),
    grantId: z.uuid(),
    grantNumber: z.string(),
    trancheId: z.uuid().nullable(),
    kind: z.enum(["COMMITMENT", "DISBURSEMENT", "REVERSAL"]),
    amount: money,
    currency,
    eurAmount: money,
    eurRate: z.string().regex(/^\d+\.?\d*$/).meta({ description: "Units of currency per 1 EUR on the value date" }),
    valueDate: day,
    reversesId: z.string().regex(/^\d+$/).nullable(),
    bankReference: z.string().nullable(),
    paid: z.object({ currency, amount: money, rate: z.string() }).nullable().meta({ description: "What left the bank when paid in another currency" }),
    noteCode: z.enum(["COMMITMENT_ON_APPROVAL", "COMMITMENT_REDUCED", "TERMINATION", "BANK_RETURN"]).nullable(),
    createdAt: instant,
  }), "LedgerEntry");

const page = <T extends z.ZodType>(item: T, id: string) =>
  component(z.object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }) }), id);

export const ZGrantPage = page(ZGrant, "GrantPage");
export const ZTranchePage = page(ZTranche, "TranchePage");
export const ZLedgerPage = page(ZLedgerEntry, "LedgerPage");

export const ZProblem = component(
  z.object({
    type: z.string().meta({ description: "URI naming the kind of problem" }),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({ description: "What went wrong, in the language of Accept-Language (en, ru, cs, uk)" }),
    instance: z.string().optional(),
    errors: z.array(z.object({ parameter: z.string(), detail: z.string() })).optional(),
  }), "Problem", "RFC 9457 problem details");

// Queries. Strings in, parsed values out (io: "input" in the OpenAPI document).
export const ZLimit = z.coerce.number().int().min(1).max(200).default(50).meta({ description: "Items per page (1–200)" });
export const ZCursor = z.string().max(200).optional().meta({ description: "From the previous page's nextCursor" });
export const ZUpdatedSince = z.iso.datetime({ offset: true }).optional().meta({ description: "Only items changed at or after this instant (ISO 8601); for incremental sync" });

export const ZGrantsQuery = z.object({ cursor: ZCursor, limit: ZLimit, updatedSince: ZUpdatedSince, status: ZGrantStatus.optional() });
export const ZTranchesQuery = z.object({ cursor: ZCursor, limit: ZLimit, updatedSince: ZUpdatedSince, status: ZTrancheStatus.optional().meta({ description: "APPROVED: payments due" }), grantId: z.uuid().optional() });
export const ZLedgerQuery = z.object({ cursor: ZCursor, limit: ZLimit, updatedSince: ZUpdatedSince.meta({ description: "Only entries written at or after this instant (entries never change)" }), grantId: z.uuid().optional() });

export type TGrantsQuery = z.output<typeof ZGrantsQuery>;
export type TTranchesQuery = z.output<typeof ZTranchesQuery>;
export type TLedgerQuery = z.output<typeof ZLedgerQuery>;
export type TGrant = z.output<typeof ZGrant>;
export type TTranche = z.output<typeof ZTranche>;
export type TLedgerEntry = z.output<typeof ZLedgerEntry>;
export type TProblem = z.output<typeof ZProblem>;
