// Programme officers create, edit, open and close calls in their programmes.
import "server-only";
import type { Actor } from "../auth/actor";
import { canAtFunder, roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { wallTimeToInstant } from "../time";
import type { TCallForm } from "./schemas";

async function programmeFor(tx: Tx, actor: Actor, programmeId: string) {
  const programme = await tx.programme.findUnique({ where: { id: programmeId }, include: { funder: { select: { code: true } } } });
  if (!programme || !canAtFunder(actor, "calls.manage", programme.funderId)) throw new AppError("notFound");
  return programme;
}

async function callFor(tx: Tx, actor: Actor, callId: string) {
  const call = await tx.call.findUnique({ where: { id: callId }, include: { programme: true } });
  if (!call || !canAtFunder(actor, "calls.manage", call.programme.funderId)) throw new AppError("notFound");
  return call;
}

const audit = (actor: Actor, funderId: string) => ({ userId: actor.userId, role: roleGranting(actor, "calls.manage", funderId) });

function fields(input: TCallForm, zone: string) {
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    eligibilitySummary: input.eligibilitySummary,
    languages: input.languages,
    opensAt: wallTimeToInstant(input.opensAt, zone),
    closesAt: wallTimeToInstant(input.closesAt, zone),
    envelope: input.envelope,
    minGrant: input.minGrant,
    maxGrant: input.maxGrant,
    cofinancingPct: input.cofinancingPct,
    overheadLimitPct: input.overheadLimitPct,
  };
}

/** A criterion's label in each language it was written in (Ukrainian is optional). */
function label(texts: TCallForm["eligibility"], position: number) {
  const uk = texts.uk[position];
  return { en: texts.en[position]!, ru: texts.ru[position]!, cs: texts.cs[position]!, ...(uk ? { uk } : {}) };
}

function criteria(input: TCallForm) {
  return {
    eligibility: input.eligibility.en.map((_, position) => ({ position, label: label(input.eligibility, position) })),
    scoring: input.scoring.en.map((_, position) => ({
      position,
      label: label(input.scoring, position),
      weight: input.scoring.weight[position]!,
    })),
  };
}

export async function createCall(actor: Actor, input: TCallForm, zone: string) {
  return db.$transaction(async (tx) => {
    const programme = await programmeFor(tx, actor, input.programmeId);
    const n = (await tx.call.count({ where: { programmeId: programme.id } })) + 1;
    const c = criteria(input);
    const call = await tx.call.create({
      data: {
        programmeId: programme.id,
        reference: `${programme.funder.code}-${programme.code}-${String(n).padStart(2, "0")}`,
        currency: programme.currency,
        status: "DRAFT",
        createdById: actor.userId,
        ...fields(input, zone),
        eligibilityCriteria: { create: c.eligibility },
        scoringCriteria: { create: c.scoring },
      },
    });
    await writeAudit(tx, audit(actor, programme.funderId), {
      action: "call.created",
      entityType: "Call",
      entityId: call.id,
      funderId: programme.funderId,
      after: { reference: call.reference, kind: call.kind, envelope: call.envelope, currency: call.currency },
    });
    return call.id;
  });
}

/** Drafts change freely; once open, criteria are fixed (reviews refer to them). */
export async function updateCall(actor: Actor, callId: string, version: number, input: TCallForm, zone: string) {
  return db.$transaction(async (tx) => {
    const call = await callFor(tx, actor, callId);
    if (call.status === "CLOSED") throw new AppError("invalidTransition");
    if (call.programmeId !== input.programmeId) throw new AppError("conflict");
    const data = fields(input, zone);
    if (call.status === "OPEN") {
      if (new Prisma.Decimal(input.envelope).lessThan(call.committed)) throw new AppError("envelopeExceeded");
      await assertEnvelopeFits(tx, call.programmeId, call.id, new Prisma.Decimal(input.envelope));
    }
    const updated = await tx.call.updateMany({ where: { id: callId, version }, data: { ...data, version: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError("staleVersion");
    if (call.status === "DRAFT") {
      const c = criteria(input);
      await tx.eligibilityCriterion.deleteMany({ where: { callId } });
      await tx.scoringCriterion.deleteMany({ where: { callId } });
      await tx.eligibilityCriterion.createMany({ data: c.eligibility.map((e) => ({ ...e, callId })) });
      await tx.scoringCriterion.createMany({ data: c.scoring.map((s) => ({ ...s, callId })) });
    }
    await writeAudit(tx, audit(actor, call.programme.funderId), {
      action: "call.updated",
      entityType: "Call",
      entityId: callId,
      funderId: call.programme.funderId,
      before: { envelope: call.envelope, closesAt: call.closesAt, kind: call.kind },
      after: { envelope: input.envelope, closesAt: data.closesAt, kind: input.kind },
    });
  });
}

/**
 * The programme's budget not yet reserved by its other published calls. The programme
 * row is locked, so two calls opened at once cannot both take the same money.
 */
async function assertEnvelopeFits(tx: Tx, programmeId: string, callId: string, envelope: Prisma.Decimal) {
  const [programme] = await tx.$queryRaw<{ budget: Prisma.Decimal }[]>`
    SELECT budget FROM "Programme" WHERE id = ${programmeId}::uuid FOR UPDATE`;
  const others = await tx.call.aggregate({
    where: { programmeId, id: { not: callId }, status: { in: ["OPEN", "CLOSED"] } },
    _sum: { envelope: true },
  });
  const available = new Prisma.Decimal(programme!.budget).minus(others._sum.envelope ?? 0);
  if (envelope.greaterThan(available)) throw new AppError("envelopeExceeded", undefined, { available: available.toFixed(2) });
}

export async function openCall(actor: Actor, callId: string) {
  return db.$transaction(async (tx) => {
    const call = await callFor(tx, actor, callId);
    if (call.status !== "DRAFT") throw new AppError("invalidTransition");
    await assertEnvelopeFits(tx, call.programmeId, call.id, call.envelope);
    await tx.call.update({ where: { id: callId }, data: { status: "OPEN", version: { increment: 1 } } });
    await writeAudit(tx, audit(actor, call.programme.funderId), {
      action: "call.opened",
      entityType: "Call",
      entityId: callId,
      funderId: call.programme.funderId,
      before: { status: "DRAFT" },
      after: { status: "OPEN", envelope: call.envelope },
    });
  });
}

export async function closeCall(actor: Actor, callId: string) {
  return db.$transaction(async (tx) => {
    const call = await callFor(tx, actor, callId);
    if (call.status !== "OPEN") throw new AppError("invalidTransition");
    await tx.call.update({ where: { id: callId }, data: { status: "CLOSED", version: { increment: 1 } } });
    await writeAudit(tx, audit(actor, call.programme.funderId), {
      action: "call.closed",
      entityType: "Call",
      entityId: callId,
      funderId: call.programme.funderId,
      before: { status: "OPEN" },
      after: { status: "CLOSED" },
    });
  });
}
