// Data key renewal: an organisation's identity, files and file names are re-sealed under a
// new data key, wrapped under the current master key. Afterwards an old master key with an
// old dump (or an old copy of the files) opens nothing written since: re-wrapping alone
// (rotation.ts) keeps the data key, so it would. One organisation per transaction, holding
// its key row FOR UPDATE (writers hold it FOR SHARE), so a run can stop anywhere and resume.
import "server-only";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { openMeta, sealMeta } from "../files/attachment-meta";
import { deleteFile, openPlainFile, openSealedFile, storeSealedFile } from "../files/storage";
import { newDataKey, open, seal } from "./envelope";
import { readShare } from "./keystore";
import { unwrapDataKey, wrapDataKey } from "../organisations/identity";

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
    const source = r.meta ? openSealedFile(r.storageKey, from, organisationId) : openPlainFile(r.storageKey);
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
  if (!row?.wrappedKey || row.destroyedAt) return null;
  const dataKey = unwrapDataKey(organisationId, Buffer.from(row.wrappedKey), row.masterKeyId);
  return dataKey ? { dataKey, generation: row.generation } : null;
}

/** Renews one organisation's data key; false when it has none to renew (erased, no share). */
export async function renewOrganisationKey(organisationId: string): Promise<boolean> {
  const files: Files = { created: [], replaced: [] };
  let committed = false;
  try {
    const done = await db.$transaction(async (tx) => {
      const current = await lockedKey(tx, organisationId);
      const share = readShare(organisationId);
      if (!current || !share) return false;
      const fresh = newDataKey();
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { identity: true } });
      if (org.identity) {
        const clear = open(current.dataKey, Buffer.from(org.identity), identityAad(organisationId));
        await tx.organisation.update({ where: { id: organisationId }, data: { identity: new Uint8Array(seal(fresh, clear, identityAad(organisationId))) } });
      }
      const resealed = await resealFiles(tx, organisationId, current.dataKey, fresh, files);
      const { wrapped, masterKeyId } = wrapDataKey(organisationId, fresh, share);
      await tx.organisationKey.update({
        where: { organisationId },
        data: { wrappedKey: new Uint8Array(wrapped), masterKeyId, generation: current.generation + 1, renewedAt: new Date(), rotatedAt: new Date() },
      });
      await writeAudit(tx, null, {
        action: "organisation.keyRenewed",
        entityType: "Organisation",
        entityId: organisationId,
        organisationId,
        after: { generation: current.generation + 1, masterKeyId, files: resealed },
      });
      return true;
    }, TX);
    committed = true;
    return done;
  } finally {
    await settle(files, committed);
  }
}

/**
 * Renews every key not renewed since `before` (default: now), `batch` organisations at a
 * time; a run stopped half-way resumes with the same `before`.
 */
export async function renewDataKeys(opts: { before?: Date; batch?: number; onProgress?: (done: number) => void } = {}) {
  const before = opts.before ?? new Date();
  let renewed = 0;
  let skipped = 0;
  for (;;) {
    const keys = await db.organisationKey.findMany({
      where: { destroyedAt: null, OR: [{ renewedAt: null }, { renewedAt: { lt: before } }] },
      orderBy: { organisationId: "asc" },
      take: opts.batch ?? 50,
      skip: skipped,
      select: { organisationId: true },
    });
    if (keys.length === 0) break;
    for (const k of keys) {
      if (await renewOrganisationKey(k.organisationId)) renewed++;
      else skipped++;
    }
    opts.onProgress?.(renewed);
  }
  return { before, renewed, skipped };
}

/**
 * Files stored before files were sealed: sealed now under their organisation's current key
 * (the worker runs this at start). Returns how many were sealed.
 */
export async function sealLegacyFiles(batch = 20): Promise<number> {
  let sealed = 0;
  for (;;) {
    const orgs = await db.attachment.findMany({ where: { meta: null }, distinct: ["organisationId"], select: { organisationId: true }, take: batch });
    if (orgs.length === 0) return sealed;
    let progressed = false;
    for (const { organisationId } of orgs) {
      const files: Files = { created: [], replaced: [] };
      let committed = false;
      try {
        const n = await db.$transaction(async (tx) => {
          const current = await lockedKey(tx, organisationId);
          // An erased organisation's old plain files: removed, their rows keep amounts only.
          if (!current) return 0;
          return resealFiles(tx, organisationId, current.dataKey, current.dataKey, files, true);
        }, TX);
        committed = true;
        if (n > 0) progressed = true;
        sealed += n;
      } finally {
        await settle(files, committed);
      }
    }
    if (!progressed) return sealed;
  }
}
