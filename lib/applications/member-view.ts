// Everything an applicant sees about one of their applications. Never staff-internal
// notes, reviewer identities, scores or internal decision notes.
import "server-only";
import { NAMED, withFileNames } from "../files/attachment-meta";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { openPersonById } from "../users/personal-data";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";
import { openIdentity } from "../organisations/identity";
import { checkBudget } from "./budget-rules";
import { draftContentOf } from "./commands";
import { APPLICANT_TIMELINE_ACTIONS, EDITABLE_STATES, findTransition } from "./workflow";
import { ownMembership } from "../organisations/policy";

export async function getApplicationForMember(actor: Actor, applicationId: string, locale: Locale, now = new Date()) {
  const app = await db.application.findFirst({
    where: { id: applicationId, organisation: { memberships: { some: ownMembership(actor) } } },
    include: {
      call: { include: { programme: { include: { funder: { select: { name: true } } } } } },
      organisation: { include: { key: true } },
      budgetLines: { orderBy: { position: "asc" } },
      attachments: { where: { messageId: null }, orderBy: { createdAt: "asc" }, select: { ...NAMED, sizeBytes: true, mimeType: true } },
      screening: { select: { eligible: true, reasonsForApplicant: true } },
      decisions: { where: { status: "CONFIRMED" }, orderBy: { confirmedAt: "desc" }, take: 1 },
      grant: { select: { id: true, number: true } },
      messages: {
        where: { kind: { in: ["QUESTION", "ANSWER"] } },
        orderBy: { createdAt: "asc" },
        include: { attachments: { select: { ...NAMED, sizeBytes: true } } },
      },
    },
  });
  if (!app) return null;
  const [editor, events] = await Promise.all([
    app.lastEditedById ? openPersonById(app.lastEditedById) : null,
    db.auditEvent.findMany({
      where: { entityType: "Application", entityId: app.id, action: { in: [...APPLICANT_TIMELINE_ACTIONS] } },
      orderBy: { id: "asc" },
      select: { action: true, at: true },
    }),
  ]);
  const content = draftContentOf(app, app.budgetLines);
  const rules = {
    minGrant: app.call.minGrant.toFixed(2),
    maxGrant: app.call.maxGrant.toFixed(2),
    cofinancingPct: app.call.cofinancingPct.toFixed(2),
    overheadLimitPct: app.call.overheadLimitPct.toFixed(2),
  };
  const questions = app.messages.filter((m) => m.kind === "QUESTION");
  const decision = app.decisions[0];
  return {
    id: app.id,
    reference: app.reference,
    status: app.status,
    version: app.version,
    editable: EDITABLE_STATES.includes(app.status),
    canWithdraw: findTransition("withdraw", app.status, app.call.kind) !== null,
    currency: app.currency,
    content,
    budget: checkBudget(
      { requestedAmount: content.requestedAmount ?? null, cofinancingAmount: content.cofinancingAmount ?? null, lines: content.lines.map((l) => ({ category: l.category, amount: l.amount ?? null })) },
      rules,
    ),
    rules,
    call: {
      id: app.call.id,
      title: pickText(app.call.title, locale),
      kind: app.call.kind,
      programme: app.call.programme.name,
      funder: app.call.programme.funder.name,
      closesAt: app.call.closesAt,
      acceptsSubmissions: app.call.status === "OPEN" && app.call.opensAt <= now && now < app.call.closesAt,
    },
    organisation: {
      id: app.organisationId,
      name: app.organisation.publicName ?? openIdentity(app.organisation, app.organisation.key)?.displayName ?? app.organisation.codename,
    },
    lastEdited: app.lastEditedAt ? { at: app.lastEditedAt, by: editor?.name ?? null } : null,
    submittedAt: app.submittedAt,
    attachments: await withFileNames(db, app.attachments),
    timeline: events,
    ineligibleReasons: app.status === "INELIGIBLE" ? (app.screening?.reasonsForApplicant ?? null) : null,
    decision: decision
      ? { kind: decision.kind, amount: decision.amount?.toFixed(2) ?? null, currency: decision.currency, reasons: decision.reasonsForApplicant, at: decision.confirmedAt }
      : null,
    /** The grant an approval created: the member follows it from here. */
    grant: app.grant ? { id: app.grant.id, number: app.grant.number } : null,
    thread: await Promise.all(questions.map(async (q) => {
      const answer = app.messages.find((m) => m.parentId === q.id);
      return {
        id: q.id,
        question: q.body,
        askedAt: q.createdAt,
        answer: answer ? { body: answer.body, at: answer.createdAt, attachments: await withFileNames(db, answer.attachments) } : null,
      };
    })),
  };
}

export type MemberApplicationView = NonNullable<Awaited<ReturnType<typeof getApplicationForMember>>>;
