// Files attached to an application (while a draft) or to an answer to a clarification.
import "server-only";
import type { Actor } from "../auth/actor";
import { funderIdsWith } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { MAX_FILE_BYTES, baseFileName, detectAllowedType, safeFileName } from "../files/detect";
import { MAX_FILE_NAME_LENGTH } from "../limits";
import { deleteFile, readFileStream, storeFile } from "../files/storage";
import { loadForMember } from "./access";

export const MAX_ATTACHMENTS = 20;

/** Checks size and content type; stores the bytes; returns what the row needs. */
export async function acceptUpload(file: File) {
  if (!(file instanceof File) || file.size === 0) throw new AppError("fileRejected", { file: "errors.file.empty" });
  if (file.size > MAX_FILE_BYTES) throw new AppError("fileRejected", { file: "errors.file.tooLarge" });
  if ([...baseFileName(file.name).normalize("NFC")].length > MAX_FILE_NAME_LENGTH) throw new AppError("fileRejected", { file: "errors.file.nameTooLong" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = await detectAllowedType(bytes);
  if (!type) throw new AppError("fileRejected", { file: "errors.file.type" });
  const { createHash } = await import("node:crypto");
  return {
    storageKey: await storeFile(bytes),
    mimeType: type.mime,
    fileName: safeFileName(file.name, type.ext),
    sizeBytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

export async function createAttachment(
  tx: Tx,
  actor: Actor,
  owner: { organisationId: string; applicationId?: string; messageId?: string; reportId?: string; funderId?: string },
  stored: Awaited<ReturnType<typeof acceptUpload>>,
) {
  const row = await tx.attachment.create({
    data: {
      organisationId: owner.organisationId,
      applicationId: owner.applicationId,
      messageId: owner.messageId,
      reportId: owner.reportId,
      uploadedById: actor.userId,
      ...stored,
    },
  });
  await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
    action: "attachment.added",
    entityType: "Attachment",
    entityId: row.id,
    funderId: owner.funderId,
    organisationId: owner.organisationId,
    after: { applicationId: owner.applicationId, messageId: owner.messageId, reportId: owner.reportId, mimeType: stored.mimeType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
  });
  return row;
}

export async function addApplicationAttachment(actor: Actor, applicationId: string, file: File) {
  const app = await db.$transaction((tx) => loadForMember(tx, actor, applicationId));
  if (app.status !== "DRAFT") throw new AppError("invalidTransition");
  const count = await db.attachment.count({ where: { applicationId, messageId: null } });
  if (count >= MAX_ATTACHMENTS) throw new AppError("fileRejected", { file: "errors.file.tooMany" });
  const stored = await acceptUpload(file);
  try {
    return await db.$transaction(async (tx) => {
      const fresh = await loadForMember(tx, actor, applicationId);
      if (fresh.status !== "DRAFT") throw new AppError("invalidTransition");
      return createAttachment(tx, actor, { organisationId: app.organisationId, applicationId, funderId: app.call.programme.funderId }, stored);
    });
  } catch (e) {
    await deleteFile(stored.storageKey);
    throw e;
  }
}

export async function removeApplicationAttachment(actor: Actor, attachmentId: string) {
  const key = await db.$transaction(async (tx) => {
    const att = await tx.attachment.findUnique({ where: { id: attachmentId } });
    if (!att?.applicationId || att.messageId) throw new AppError("notFound");
    const app = await loadForMember(tx, actor, att.applicationId);
    if (app.status !== "DRAFT") throw new AppError("invalidTransition");
    await tx.attachment.delete({ where: { id: att.id } });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "attachment.removed",
      entityType: "Attachment",
      entityId: att.id,
      organisationId: att.organisationId,
      before: { applicationId: att.applicationId, sha256: att.sha256 },
    });
    return att.storageKey;
  });
  await deleteFile(key);
}

/**
 * A file for download. Members of the organisation; staff who may view the application at
 * its funder (for a protected organisation only its lead officer, since files may name
 * it); reviewers who accepted the assignment, for organisations that are not protected.
 * Everyone else: not-found.
 */
export async function openAttachment(actor: Actor, attachmentId: string) {
  const att = await db.attachment.findUnique({
    where: { id: attachmentId },
    include: {
      organisation: { select: { isProtected: true } },
      application: { select: { id: true, status: true, funderId: true, leadOfficerId: true } },
      message: { select: { kind: true, application: { select: { id: true, status: true, funderId: true, leadOfficerId: true } } } },
      report: { select: { grant: { select: { funderId: true } } } },
    },
  });
  if (!att) throw new AppError("notFound");
  const app = att.application ?? att.message?.application ?? null;
  const member = actor.memberships.some((m) => m.organisationId === att.organisationId);
  let allowed = member;
  if (!allowed && app && app.status !== "DRAFT" && funderIdsWith(actor, "applications.view").includes(app.funderId)) {
    allowed = !att.organisation.isProtected || app.leadOfficerId === actor.userId;
  }
  if (!allowed && app && !att.message && !att.organisation.isProtected) {
    allowed = (await db.reviewAssignment.count({ where: { applicationId: app.id, reviewerId: actor.userId, status: { in: ["ACCEPTED", "SUBMITTED"] } } })) > 0;
  }
  if (!allowed && att.report) allowed = funderIdsWith(actor, "grants.view").includes(att.report.grant.funderId);
  if (!allowed) throw new AppError("notFound");
  return { stream: readFileStream(att.storageKey), mimeType: att.mimeType, fileName: att.fileName, sizeBytes: att.sizeBytes };
}
