// Files attached to an application (while a draft), to an answer to a clarification or
// to a report. Content and name are sealed with the organisation's data key; a download
// is an audit event.
import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { Actor } from "../auth/actor";
import { funderIdsWith, roleGranting } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { MAX_FILE_BYTES, baseFileName, detectAllowedType, safeFileName } from "../files/detect";
import { MAX_FILE_NAME_LENGTH } from "../limits";
import { deleteFile, openPlainFile, openSealedFile, storeSealedFile, toWebStream } from "../files/storage";
import { sealMeta, openMeta } from "../files/attachment-meta";
import { organisationDataKey } from "../organisations/identity";
import { loadForMember } from "./access";

export const MAX_ATTACHMENTS = 20;

export type PendingUpload = { bytes: Uint8Array; mimeType: string; fileName: string; sizeBytes: number; sha256: string; storageKey?: string };

/** Checks size, name and content type; nothing is stored yet (createAttachment does). */
export async function acceptUpload(file: File): Promise<PendingUpload> {
  if (!(file instanceof File) || file.size === 0) throw new AppError("fileRejected", { file: "errors.file.empty" });
  if (file.size > MAX_FILE_BYTES) throw new AppError("fileRejected", { file: "errors.file.tooLarge" });
  if ([...baseFileName(file.name).normalize("NFC")].length > MAX_FILE_NAME_LENGTH) throw new AppError("fileRejected", { file: "errors.file.nameTooLong" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = await detectAllowedType(bytes);
  if (!type) throw new AppError("fileRejected", { file: "errors.file.type" });
  return { bytes, mimeType: type.mime, fileName: safeFileName(file.name, type.ext), sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Removes the files of uploads whose transaction failed. */
export async function discardUploads(uploads: PendingUpload[]) {
  for (const u of uploads) if (u.storageKey) await deleteFile(u.storageKey);
}

/**
 * Seals the upload under the organisation's data key (held FOR SHARE, so a key renewal
 * cannot slip in between) and records it. On failure the caller runs discardUploads.
 */
export async function createAttachment(
  tx: Tx,
  actor: Actor,
  owner: { organisationId: string; applicationId?: string; messageId?: string; reportId?: string; funderId?: string },
  upload: PendingUpload,
) {
  const dataKey = await organisationDataKey(tx, owner.organisationId, { create: true });
  if (!dataKey) throw new AppError("invalidTransition");
  upload.storageKey = await storeSealedFile(Readable.from([Buffer.from(upload.bytes)]), dataKey, owner.organisationId);
  const row = await tx.attachment.create({
    data: {
      organisationId: owner.organisationId,
      applicationId: owner.applicationId,
      messageId: owner.messageId,
      reportId: owner.reportId,
      uploadedById: actor.userId,
      mimeType: upload.mimeType,
      sizeBytes: upload.sizeBytes,
      storageKey: upload.storageKey,
      meta: sealMeta(dataKey, owner.organisationId, upload.storageKey, { fileName: upload.fileName, sha256: upload.sha256 }),
    },
  });
  await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
    action: "attachment.added",
    entityType: "Attachment",
    entityId: row.id,
    funderId: owner.funderId,
    organisationId: owner.organisationId,
    // Neither name nor digest: both would identify the document (and so its owner).
    after: { applicationId: owner.applicationId, messageId: owner.messageId, reportId: owner.reportId, mimeType: upload.mimeType, sizeBytes: upload.sizeBytes },
  });
  return { ...row, fileName: upload.fileName };
}

export async function addApplicationAttachment(actor: Actor, applicationId: string, file: File) {
  const app = await db.$transaction((tx) => loadForMember(tx, actor, applicationId));
  if (app.status !== "DRAFT") throw new AppError("invalidTransition");
  const count = await db.attachment.count({ where: { applicationId, messageId: null } });
  if (count >= MAX_ATTACHMENTS) throw new AppError("fileRejected", { file: "errors.file.tooMany" });
  const upload = await acceptUpload(file);
  try {
    return await db.$transaction(async (tx) => {
      const fresh = await loadForMember(tx, actor, applicationId);
      if (fresh.status !== "DRAFT") throw new AppError("invalidTransition");
      return createAttachment(tx, actor, { organisationId: app.organisationId, applicationId, funderId: app.call.programme.funderId }, upload);
    });
  } catch (e) {
    await discardUploads([upload]);
    throw e;
  }
}

export async function removeApplicationAttachment(actor: Actor, attachmentId: string) {
  const key = await db.$transaction(async (tx) => {
    const found = await tx.attachment.findUnique({ where: { id: attachmentId }, select: { organisationId: true } });
    if (!found) throw new AppError("notFound");
    // Held like an upload's: a renewal moving this file waits, and the name read next is current.
    await organisationDataKey(tx, found.organisationId, { lock: true });
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
      before: { applicationId: att.applicationId },
    });
    return att.storageKey;
  });
  await deleteFile(key);
}

/**
 * A file for download, audited. Members of the organisation; staff who may view the
 * application at its funder, or its grant for a report's files (for a protected
 * organisation only the application's lead officer, since files may name it: not the
 * auditor, not finance); reviewers who accepted the assignment, for organisations that are
 * not protected and files of the application itself. Everyone else, and everyone once the
 * organisation was erased: not-found.
 */
export async function openAttachment(actor: Actor, attachmentId: string) {
  // Read outside the transaction: Prisma runs an include's queries side by side, which a
  // transaction's single connection only serialises with a warning.
  const att = await db.attachment.findUnique({
    where: { id: attachmentId },
    include: {
      organisation: { select: { isProtected: true } },
      application: { select: { id: true, status: true, funderId: true, leadOfficerId: true } },
      message: { select: { kind: true, application: { select: { id: true, status: true, funderId: true, leadOfficerId: true } } } },
      report: { select: { grant: { select: { funderId: true, application: { select: { leadOfficerId: true } } } } } },
    },
  });
  if (!att) throw new AppError("notFound");
  const found = await db.$transaction(async (tx) => {
    const app = att.application ?? att.message?.application ?? null;
    const funderId = app?.funderId ?? att.report?.grant.funderId;
    const prot = att.organisation.isProtected;
    let role: string | null = actor.memberships.some((m) => m.organisationId === att.organisationId) ? "APPLICANT" : null;
    if (!role && app && app.status !== "DRAFT" && funderIdsWith(actor, "applications.view").includes(app.funderId) && (!prot || app.leadOfficerId === actor.userId)) {
      role = roleGranting(actor, "applications.view", app.funderId);
    }
    if (!role && app && !att.message && !prot) {
      const assigned = await tx.reviewAssignment.count({ where: { applicationId: app.id, reviewerId: actor.userId, status: { in: ["ACCEPTED", "SUBMITTED"] } } });
      if (assigned > 0) role = "REVIEWER";
    }
    if (!role && att.report && funderIdsWith(actor, "grants.view").includes(att.report.grant.funderId) && (!prot || att.report.grant.application.leadOfficerId === actor.userId)) {
      role = roleGranting(actor, "grants.view", att.report.grant.funderId);
    }
    if (!role) throw new AppError("notFound");
    // The row again, now: a renewal may have moved the file since the check above.
    const current = await tx.attachment.findUniqueOrThrow({ where: { id: att.id }, select: { storageKey: true, meta: true, fileName: true } });
    let opened: { fileName: string; dataKey: Buffer | null };
    if (current.meta) {
      const dataKey = await organisationDataKey(tx, att.organisationId);
      if (!dataKey) throw new AppError("notFound");
      try {
        opened = { fileName: openMeta(dataKey, att.organisationId, current.storageKey, current.meta).fileName, dataKey };
      } catch {
        throw new AppError("notFound");
      }
    } else {
      // A file from before sealing: readable as it lies, so the erase check is explicit here.
      const key = await tx.organisationKey.findUnique({ where: { organisationId: att.organisationId }, select: { destroyedAt: true } });
      if (key?.destroyedAt) throw new AppError("notFound");
      opened = { fileName: current.fileName ?? "file", dataKey: null };
    }
    await writeAudit(tx, { userId: actor.userId, role }, {
      action: "attachment.downloaded",
      entityType: "Attachment",
      entityId: att.id,
      funderId,
      organisationId: att.organisationId,
      after: { applicationId: app?.id, reportId: att.reportId ?? undefined },
    });
    return { ...opened, storageKey: current.storageKey };
  });
  // Opened after the commit: nothing to leak if the audit write failed.
  const stream = found.dataKey ? await openSealedFile(found.storageKey, found.dataKey, att.organisationId) : await openPlainFile(found.storageKey);
  return { stream: toWebStream(stream), mimeType: att.mimeType, fileName: found.fileName, sizeBytes: att.sizeBytes };
}
