// Applicant commands on applications: start, save the draft, submit, withdraw.
import "server-only";
import { screenSoon } from "../sanctions/screen";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { requireMembership } from "../organisations/policy";
import { toDate } from "../validation";
import { loadForMember, transitionContext } from "./access";
import { checkBudget } from "./budget-rules";
import { nextApplicationReference } from "./reference";
import { SECTION_KEYS, ZSubmittable, type TDraftContent } from "./schemas";
import { transition } from "./transition";
import { EDITABLE_STATES } from "./workflow";

type CallWindow = { status: string; opensAt: Date; closesAt: Date };

/** Server time decides: a call takes applications only while open. */
function assertAccepting(call: CallWindow, now: Date) {
  if (call.status !== "OPEN" || now < call.opensAt) throw new AppError("callClosed");
  if (now >= call.closesAt) throw new AppError("deadlinePassed");
}

/** Starts a draft, or returns the organisation's application to this call if it has one. */
export async function startApplication(actor: Actor, input: { callId: string; organisationId: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    await requireMembership(tx, actor, input.organisationId);
    const call = await tx.call.findFirst({
      where: { id: input.callId, status: { not: "DRAFT" } },
      include: { programme: { select: { funderId: true } } },
    });
    if (!call) throw new AppError("notFound");
    const existing = await tx.application.findFirst({
      where: { callId: call.id, organisationId: input.organisationId, status: { notIn: ["WITHDRAWN"] } },
      select: { id: true },
    });
    if (existing) return existing.id;
    assertAccepting(call, now);
    const app = await tx.application.create({
      data: {
        reference: await nextApplicationReference(tx, now),
        callId: call.id,
        funderId: call.programme.funderId,
        organisationId: input.organisationId,
        title: "",
        currency: call.currency,
        createdById: actor.userId,
        lastEditedById: actor.userId,
        lastEditedAt: now,
      },
    });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "application.created",
      entityType: "Application",
      entityId: app.id,
      funderId: call.programme.funderId,
      organisationId: input.organisationId,
      after: { status: "DRAFT", callId: call.id },
    });
    return app.id;
  });
}

function changedFields(before: TDraftContent, after: TDraftContent): string[] {
  const changed: string[] = [];
  if (before.title !== after.title) changed.push("title");
  for (const k of SECTION_KEYS) if (before.sections[k] !== after.sections[k]) changed.push(`sections.${k}`);
  for (const k of ["requestedAmount", "cofinancingAmount", "startDate", "durationMonths"] as const) {
    if ((before[k] ?? null) !== (after[k] ?? null)) changed.push(k);
  }
  if (JSON.stringify(before.lines) !== JSON.stringify(after.lines)) changed.push("lines");
  return changed;
}

/** Saves a draft if nobody saved since `version` was read; otherwise staleVersion. */
export async function saveDraft(actor: Actor, applicationId: string, version: number, content: TDraftContent, now = new Date()) {
  return db.$transaction(async (tx) => {
    const app = await loadForMember(tx, actor, applicationId);
    if (!EDITABLE_STATES.includes(app.status)) throw new AppError("invalidTransition");
    if (app.version !== version) throw new AppError("staleVersion");
    const previous = draftContentOf(app, await tx.budgetLine.findMany({ where: { applicationId }, orderBy: { position: "asc" } }));
    const updated = await tx.application.updateMany({
      where: { id: applicationId, version },
      data: {
        title: content.title,
        sections: content.sections,
        requestedAmount: content.requestedAmount ?? null,
        cofinancingAmount: content.cofinancingAmount ?? null,
        startDate: content.startDate ? toDate(content.startDate) : null,
        durationMonths: content.durationMonths ?? null,
        lastEditedById: actor.userId,
        lastEditedAt: now,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new AppError("staleVersion");
    await tx.budgetLine.deleteMany({ where: { applicationId } });
    await tx.budgetLine.createMany({
      data: content.lines.map((l, position) => ({
        applicationId,
        position,
        category: l.category,
        description: l.description,
        amount: l.amount ?? "0.00",
      })),
    });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "application.draftSaved",
      entityType: "Application",
      entityId: applicationId,
      funderId: app.call.programme.funderId,
      organisationId: app.organisationId,
      after: { version: version + 1, changed: changedFields(previous, content) },
    });
    return { version: version + 1, lastEditedAt: now, lastEditedBy: actor.name };
  });
}

type AppRow = {
  title: string;
  sections: unknown;
  requestedAmount: { toFixed(n: number): string } | null;
  cofinancingAmount: { toFixed(n: number): string } | null;
  startDate: Date | null;
  durationMonths: number | null;
};
type LineRow = { category: TDraftContent["lines"][number]["category"]; description: string; amount: { toFixed(n: number): string } };

export function draftContentOf(app: AppRow, lines: LineRow[]): TDraftContent {
  const s = (app.sections ?? {}) as Record<string, string>;
  return {
    title: app.title,
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, s[k] ?? ""])) as TDraftContent["sections"],
    requestedAmount: app.requestedAmount?.toFixed(2),
    cofinancingAmount: app.cofinancingAmount?.toFixed(2),
    startDate: app.startDate ? app.startDate.toISOString().slice(0, 10) : undefined,
    durationMonths: app.durationMonths ?? undefined,
    lines: lines.map((l) => ({ category: l.category, description: l.description, amount: l.amount.toFixed(2) })),
  };
}

/** Validates everything against the call's rules and submits; errors name their fields. */
export async function submitApplication(actor: Actor, applicationId: string, version: number, now = new Date()) {
  const organisationId = await submitInTx(actor, applicationId, version, now);
  await screenSoon(organisationId, "SUBMISSION");
}

async function submitInTx(actor: Actor, applicationId: string, version: number, now: Date): Promise<string> {
  return db.$transaction(async (tx) => {
    const app = await loadForMember(tx, actor, applicationId);
    if (app.status !== "DRAFT") throw new AppError("invalidTransition");
    if (app.version !== version) throw new AppError("staleVersion");
    assertAccepting(app.call, now);
    const lines = await tx.budgetLine.findMany({ where: { applicationId }, orderBy: { position: "asc" } });
    const content = draftContentOf(app, lines);
    const fields: Record<string, string> = {};
    const parsed = ZSubmittable.safeParse(content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
    }
    const budget = checkBudget(
      { requestedAmount: content.requestedAmount ?? null, cofinancingAmount: content.cofinancingAmount ?? null, lines: content.lines.map((l) => ({ category: l.category, amount: l.amount ?? null })) },
      {
        minGrant: app.call.minGrant.toFixed(2),
        maxGrant: app.call.maxGrant.toFixed(2),
        cofinancingPct: app.call.cofinancingPct.toFixed(2),
        overheadLimitPct: app.call.overheadLimitPct.toFixed(2),
      },
    );
    for (const [k, v] of Object.entries(budget.errors)) fields[k] ??= v;
    if (Object.keys(fields).length > 0) throw new AppError("validation", fields);
    await transition(tx, actor, "submit", transitionContext(app), {
      data: { submittedAt: now },
      audit: { requestedAmount: content.requestedAmount, currency: app.currency, overheadsAboveLimit: budget.overheadsAboveLimit },
    });
    return app.organisationId;
  });
}

export async function withdrawApplication(actor: Actor, applicationId: string, version: number) {
  return db.$transaction(async (tx) => {
    const app = await loadForMember(tx, actor, applicationId);
    if (app.version !== version) throw new AppError("staleVersion");
    await transition(tx, actor, "withdraw", transitionContext(app));
  });
}
