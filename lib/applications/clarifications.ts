// Clarification threads: staff ask, applicants answer (with files); staff-internal notes
// live beside them and are never shown to applicants.
import "server-only";
import type { Actor } from "../auth/actor";
import { roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { loadForMember, loadForStaff, transitionContext } from "./access";
import { acceptUpload, createAttachment, discardUploads } from "./attachments";
import { transition } from "./transition";
import { notify, organisationMembers } from "../notifications/notify";

export async function askClarification(actor: Actor, applicationId: string, body: string) {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, applicationId, "clarifications.ask");
    const question = await tx.message.create({
      data: { applicationId, kind: "QUESTION", body, authorId: actor.userId },
    });
    if (app.status === "CLARIFICATION_REQUESTED") {
      // Another question on an open request: no state change, still recorded.
      await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "clarifications.ask", app.call.programme.funderId) }, {
        action: "application.clarificationAdded",
        entityType: "Application",
        entityId: applicationId,
        funderId: app.call.programme.funderId,
        organisationId: app.organisationId,
        after: { messageId: question.id },
      });
      await notify(tx, await organisationMembers(tx, app.organisationId), {
        kind: "CLARIFICATION_REQUESTED",
        link: `/my/applications/${applicationId}`,
        params: { reference: app.reference ?? "" },
      });
    } else {
      await transition(tx, actor, "requestClarification", transitionContext(app), { audit: { messageId: question.id } });
    }
    return question.id;
  });
}

export async function addInternalNote(actor: Actor, applicationId: string, body: string) {
  return db.$transaction(async (tx) => {
    const app = await loadForStaff(tx, actor, applicationId, "applications.view");
    const note = await tx.message.create({ data: { applicationId, kind: "INTERNAL_NOTE", body, authorId: actor.userId } });
    await writeAudit(tx, { userId: actor.userId, role: roleGranting(actor, "applications.view", app.call.programme.funderId) }, {
      action: "application.internalNoteAdded",
      entityType: "Application",
      entityId: applicationId,
      funderId: app.call.programme.funderId,
      organisationId: app.organisationId,
      after: { messageId: note.id },
    });
    return note.id;
  });
}

/** Answers one open question; when none is left, the application returns to where it was. */
export async function answerClarification(actor: Actor, applicationId: string, questionId: string, body: string, files: File[] = []) {
  const uploads: Awaited<ReturnType<typeof acceptUpload>>[] = [];
  try {
    for (const f of files.filter((x) => x.size > 0)) uploads.push(await acceptUpload(f));
    return await db.$transaction(async (tx) => {
      const app = await loadForMember(tx, actor, applicationId);
      const question = await tx.message.findFirst({
        where: { id: questionId, applicationId, kind: "QUESTION" },
        include: { replies: { select: { id: true } } },
      });
      if (!question) throw new AppError("notFound");
      if (question.replies.length > 0 || app.status !== "CLARIFICATION_REQUESTED") throw new AppError("invalidTransition");
      const answer = await tx.message.create({
        data: { applicationId, kind: "ANSWER", body, authorId: actor.userId, parentId: question.id },
      });
      for (const stored of uploads) {
        await createAttachment(tx, actor, { organisationId: app.organisationId, messageId: answer.id, funderId: app.call.programme.funderId }, stored);
      }
      const open = await tx.message.count({ where: { applicationId, kind: "QUESTION", replies: { none: {} } } });
      if (open === 0) {
        await transition(tx, actor, "answerClarification", transitionContext(app), { audit: { messageId: answer.id } });
      }
      return answer.id;
    });
  } catch (e) {
    await discardUploads(uploads);
    throw e;
  }
}
