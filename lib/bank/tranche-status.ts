// Where each tranche's money is on its way through the bank, for the grant page: in a batch
// not yet released, sent (released to the bank), booked by a statement, or returned by the
// bank with its reason. Only the latest batch a tranche was put in counts (a returned
// payment can go into a new batch); a cancelled batch never counts. Members of the
// organisation and the funder's staff read it; batch references are for staff only.
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { ownMembership } from "../organisations/policy";

export type TBankState = "IN_BATCH" | "SENT" | "BOOKED" | "RETURNED";

export type TTrancheBankStatus = {
  state: TBankState;
  /** The booking day of the statement line that booked or returned it. */
  bookedOn: string | null;
  /** ISO 20022 return reason code (AC04…), when returned. */
  returnReason: string | null;
  /** Staff only. */
  batchReference: string | null;
};

export async function trancheBankStatuses(actor: Actor, grantId: string): Promise<Map<string, TTrancheBankStatus>> {
  const grant = await db.grant.findUnique({ where: { id: grantId }, select: { funderId: true, organisationId: true } });
  if (!grant) throw new AppError("notFound");
  const staff = canAtFunder(actor, "grants.view", grant.funderId);
  if (!staff && !(await db.membership.findFirst({ where: { ...ownMembership(actor), organisationId: grant.organisationId }, select: { id: true } }))) {
    throw new AppError("notFound");
  }
  const items = await db.paymentBatchItem.findMany({
    where: { grantId, batch: { status: { not: "CANCELLED" } } },
    // Latest batch first (item ids are random: bulk-inserted), then the item itself as a tiebreak.
    orderBy: [{ batch: { preparedAt: "desc" } }, { batch: { id: "desc" } }],
    select: {
      trancheId: true,
      batch: { select: { status: true, reference: true } },
      bankLines: { where: { outcome: { in: ["BOOKED", "RETURNED"] } }, select: { outcome: true, bookingDate: true, returnReason: true } },
    },
  });
  const out = new Map<string, TTrancheBankStatus>();
  for (const i of items) {
    if (out.has(i.trancheId)) continue; // the first seen is of the latest batch
    const returned = i.bankLines.find((l) => l.outcome === "RETURNED");
    const booked = i.bankLines.find((l) => l.outcome === "BOOKED");
    const line = returned ?? booked;
    out.set(i.trancheId, {
      state: returned ? "RETURNED" : booked ? "BOOKED" : i.batch.status === "RELEASED" ? "SENT" : "IN_BATCH",
      bookedOn: line?.bookingDate?.toISOString().slice(0, 10) ?? null,
      returnReason: returned?.returnReason ?? null,
      batchReference: staff ? i.batch.reference : null,
    });
  }
  return out;
}
