// An attachment's name and plaintext digest, sealed with its organisation's data key and
// bound to the row's storage key. Lists open names in a batch, one key per organisation.
import "server-only";
import { z } from "zod";
import { open, seal } from "../crypto/envelope";
import type { Tx } from "../db";
import { organisationDataKey } from "../organisations/identity";

const ZMeta = z.object({ fileName: z.string(), sha256: z.string() });
export type AttachmentMeta = z.infer<typeof ZMeta>;

const aad = (organisationId: string, storageKey: string) => `attachment:${organisationId}:${storageKey}`;

export function sealMeta(dataKey: Buffer, organisationId: string, storageKey: string, meta: AttachmentMeta): Uint8Array<ArrayBuffer> {
  return new Uint8Array(seal(dataKey, Buffer.from(JSON.stringify(meta), "utf8"), aad(organisationId, storageKey)));
}

export function openMeta(dataKey: Buffer, organisationId: string, storageKey: string, sealed: Uint8Array): AttachmentMeta {
  return ZMeta.parse(JSON.parse(open(dataKey, Buffer.from(sealed), aad(organisationId, storageKey)).toString("utf8")));
}

export type NamedRow = { id: string; organisationId: string; storageKey: string; meta: Uint8Array | null; fileName: string | null };

/**
 * File names for rows the caller may already show; null for an erased organisation's
 * files (its key is gone). Rows from before sealing carry their name in clear.
 */
export async function fileNames(tx: Tx, rows: NamedRow[]): Promise<Map<string, string | null>> {
  const keys = new Map<string, Buffer | null>();
  const names = new Map<string, string | null>();
  for (const r of rows) {
    if (!r.meta) {
      names.set(r.id, r.fileName);
      continue;
    }
    if (!keys.has(r.organisationId)) keys.set(r.organisationId, await organisationDataKey(tx, r.organisationId));
    const key = keys.get(r.organisationId)!;
    names.set(r.id, key ? openedName(key, r) : null);
  }
  return names;
}

/** Null when the row no longer opens: a key renewal moved it between the read and now. */
function openedName(key: Buffer, r: NamedRow): string | null {
  try {
    return openMeta(key, r.organisationId, r.storageKey, r.meta!).fileName;
  } catch {
    return null;
  }
}

/** The select that fileNames needs. */
export const NAMED = { id: true, organisationId: true, storageKey: true, meta: true, fileName: true } as const;

/** Rows with their names opened, in order; files of an erased organisation are left out. */
export async function withFileNames<T extends NamedRow>(tx: Tx, rows: T[]) {
  return namedWith(await fileNames(tx, rows), rows);
}

/** The same with names opened already (one fileNames call for several lists of a page). */
export function namedWith<T extends NamedRow>(names: Map<string, string | null>, rows: T[]): (Omit<T, "meta" | "fileName" | "storageKey"> & { fileName: string })[] {
  return rows.flatMap(({ meta: _m, fileName: _f, storageKey: _s, ...rest }) => {
    const fileName = names.get(rest.id);
    return fileName == null ? [] : [{ ...rest, fileName }];
  });
}
