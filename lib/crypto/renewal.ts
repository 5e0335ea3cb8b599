// Data key renewal: an organisation's identity, files and file names are re-sealed under a
// new data key, wrapped under the current master key. Afterwards an old master key with an
// old dump (or an old copy of the files) opens nothing written since: re-wrapping alone
// (rotation.ts) keeps the data key, so it would. One organisation per transaction, holding
// its key row FOR UPDATE (writers hold it FOR SHARE), so a run can stop anywhere and resume.
import "server-only";
import { explanationAad } from "../sanctions/lists";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { openMeta, sealMeta } from "../files/attachment-meta";
import { deleteFile, openPlainFile, openSealedFile, storeSealedFile } from "../files/storage";
import { newDataKey, open, seal } from "./envelope";
import { createShare, destroyShare, shareId } from "./keystore";
import { unwrapDataKey, wrapDataKey } from "../organisations/identity";
import { sealAwayLegacyFiles } from "../organisations/erase";
import { payeeAad, verificationNoteAad } from "../bank/accounts-seal";

const TX = { timeout: 10 * 60_000, maxWait: 60_000 };
const identityAad = (organisationId: string) => `organisation:${organisationId}`;

type Files = { created: string[]; replaced: string[] };

/**
 * Re-seals the organisation's files under `to`: sealed ones are opened with `from`, files
 * stored before sealing existed are read as they are. `onlyLegacy`: just the latter.
 */
async function resealFiles(tx: Tx, organisationId: string, from: Buffer, to: Buffer, files: Files, onlyLegacy = false) {
  const rows = await tx.attachment.findMany({ where: { organisationId, ...(onlyLegacy ? { meta: null } : {}) }, orderBy: { id: "asc" } });
  for (const r of rows) {
    const meta = r.meta ? openMeta(from, organisationId, r.storageKey, r.meta) : { fileName: r.fileName!, sha256: r.sha256! };
    const source = r.meta ? await openSealedFile(r.storageKey, from, organisationId) : await openPlainFile(r.storageKey);
    const storageKey = await storeSealedFile(source, to, organisationId);
    files.created.push(storageKey);
    files.replaced.push(r.storageKey);
    await tx.attachment.update({ where: { id: r.id }, data: { storageKey, meta: sealMeta(to, organisationId, storageKey, meta), fileName: null, sha256: null } });
  }
  return rows.length;
}

/** After the transaction: the old files go when it committed, the new ones when it did not. */
async function settle(files: Files, committed: boolean) {
  for (const key of committed ? files.replaced : files.created) await deleteFile(key).catch(() => undefined);
}

async function lockedKey(tx: Tx, organisationId: string) {
  const [row] = await tx.$queryRaw<{ wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null; generation: number }[]>`
    SELECT "wrappedKey", "masterKeyId", "destroyedAt", "generation" FROM "OrganisationKey" WHERE "organisationId" = ${organisationId}::uuid FOR UPDATE`;
  if (!row) return null;
  if (row.destroyedAt || !row.wrappedKey) return { erased: true as const };
  const dataKey = unwrapDataKey(organisationId, Buffer.from(row.wrappedKey), row.masterKeyId, row.generation);
  if (!dataKey) throw new Error(`the key share of organisation ${organisationId} is missing`);
  return { erased: false as const, dataKey, generation: row.generation };
}

/**
 * Renews one organisation's data key, under a new key share too: an old copy of the share
 * folder then opens nothing written from now on, whatever dumps and master keys go with it.
 * False when there is nothing to renew (erased).
 */
export async function renewOrganisationKey(organisationId: string): Promise<boolean> {
  const files: Files = { created: [], replaced: [] };
  let committed = false;
  let shares: { old: string; fresh: string } | null = null;
  try {
    const done = await db.$transaction(async (tx) => {
      const current = await lockedKey(tx, organisationId);
      if (!current || current.erased) return false;
      const generation = current.generation + 1;
      shares = { old: shareId(organisationId, current.generation), fresh: shareId(organisationId, generation) };
      // No key row names the new share yet: one left by a failed run is replaced.
      const share = createShare(shares.fresh, true);
      const fresh = newDataKey();
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { identity: true } });
      if (org.identity) {
        const clear = open(current.dataKey, Buffer.from(org.identity), identityAad(organisationId));
        await tx.organisation.update({ where: { id: organisationId }, data: { identity: new Uint8Array(seal(fresh, clear, identityAad(organisationId))) } });
      }
      const resealed = await resealFiles(tx, organisationId, current.dataKey, fresh, files);
      // Sanctions matches' explanations name the organisation's side: sealed under the same key.
      const matches = await tx.sanctionsMatch.findMany({ where: { organisationId }, select: { id: true, organisationId: true, funderId: true, subjectRef: true, entryId: true, explanation: true } });
      for (const m of matches) {
        if (m.explanation.length === 0) continue;
        const clear = open(current.dataKey, Buffer.from(m.explanation), explanationAad(m));
        await tx.sanctionsMatch.update({ where: { id: m.id }, data: { explanation: new Uint8Array(seal(fresh, clear, explanationAad(m))) } });
      }
      const { wrapped, masterKeyId } = wrapDataKey(organisationId, fresh, share);
      await tx.organisationKey.update({
        where: { organisationId },
        data: { wrappedKey: new Uint8Array(wrapped), masterKeyId, generation, renewedAt: new Date(), rotatedAt: new Date() },
      });
      // Payee accounts after the key row: the database lets one be re-sealed only to the key's new generation.
      const accounts = await tx.payeeAccount.findMany({ where: { organisationId }, select: { id: true, organisationId: true, details: true } });
      for (const a of accounts) {
        const clear = open(current.dataKey, Buffer.from(a.details), payeeAad(organisationId, a.id));
        await tx.payeeAccount.update({ where: { id: a.id }, data: { details: new Uint8Array(seal(fresh, clear, payeeAad(organisationId, a.id))), keyGeneration: generation } });
      }
      const notes = await tx.payeeVerification.findMany({ where: { account: { organisationId } }, select: { id: true, note: true } });
      for (const v of notes) {
        const clear = open(current.dataKey, Buffer.from(v.note), verificationNoteAad(organisationId, v.id));
        await tx.payeeVerification.update({ where: { id: v.id }, data: { note: new Uint8Array(seal(fresh, clear, verificationNoteAad(organisationId, v.id))), keyGeneration: generation } });
      }
      await writeAudit(tx, null, {
        action: "organisation.keyRenewed",
        entityType: "Organisation",
        entityId: organisationId,
        organisationId,
        after: { generation, masterKeyId, files: resealed },
      });
      return true;
    }, TX);
    committed = true;
    return done;
  } finally {
    await settle(files, committed);
    const s = shares as { old: string; fresh: string } | null;
    if (s) destroyShare(committed ? s.old : s.fresh);
  }
}

/**
 * Renews every key not renewed since `before` (default: now), `batch` organisations at a
 * time; a run stopped half-way resumes with the same `before`.
 */
export async function renewDataKeys(opts: { before?: Date; batch?: number; onProgress?: (done: number) => void } = {}) {
  const before = opts.before ?? new Date();
  let renewed = 0;
  let erased = 0;
  const failed: { organisationId: string; error: string }[] = [];
  let after = "";
  for (;;) {
    const keys = await db.organisationKey.findMany({
      where: { organisationId: { gt: after || undefined }, OR: [{ renewedAt: null }, { renewedAt: { lt: before } }] },
      orderBy: { organisationId: "asc" },
      take: opts.batch ?? 50,
      select: { organisationId: true },
    });
    if (keys.length === 0) break;
    for (const k of keys) {
      after = k.organisationId;
      // One organisation's problem (a missing share, a damaged file) must not stop the rest.
      try {
        if (await renewOrganisationKey(k.organisationId)) renewed++;
        else erased++;
      } catch (e) {
        failed.push({ organisationId: k.organisationId, error: (e as Error).message });
      }
    }
    opts.onProgress?.(renewed);
  }
  return { before, renewed, erased, failed };
}

/**
 * Files stored before files were sealed: sealed now under their organisation's current key
 * (the worker runs this at start), organisation by organisation in id order. An erased
 * organisation's are deleted and their names sealed away (lib/organisations/erase.ts).
 */
export async function sealLegacyFiles(opts: { batch?: number } = {}) {
  let sealed = 0;
  const failed: { organisationId: string; error: string }[] = [];
  let after = "";
  for (;;) {
    const orgs = await db.attachment.findMany({
      where: { meta: null, organisationId: { gt: after || undefined } },
      distinct: ["organisationId"],
      orderBy: { organisationId: "asc" },
      select: { organisationId: true },
      take: opts.batch ?? 20,
    });
    if (orgs.length === 0) return { sealed, failed };
    for (const { organisationId } of orgs) {
      after = organisationId;
      const files: Files = { created: [], replaced: [] };
      let committed = false;
      try {
        sealed += await db.$transaction(async (tx) => {
          const current = await lockedKey(tx, organisationId);
          if (!current) return 0;
          if (current.erased) {
            files.replaced.push(...(await sealAwayLegacyFiles(tx, organisationId)));
            return 0;
          }
          return resealFiles(tx, organisationId, current.dataKey, current.dataKey, files, true);
        }, TX);
        committed = true;
      } catch (e) {
        failed.push({ organisationId, error: (e as Error).message });
      } finally {
        await settle(files, committed);
      }
    }
  }
}
