// An organisation's identity (names, registration number, contacts, bank details) is sealed
// with its own data key; the data key is wrapped by a key derived from the master key and
// a key share kept outside the database (see lib/crypto/keystore.ts).
import "server-only";
import { z } from "zod";
import type { Tx } from "../db";
import { masterKeys, newDataKey, open, seal } from "../crypto/envelope";
import { createShare, readShare, wrappingKey } from "../crypto/keystore";

export const ZIdentity = z.object({
  displayName: z.string(),
  legalName: z.string(),
  registrationNumber: z.string().optional(),
  contactName: z.string().optional(),
  contactEmail: z.string().optional(),
  contactPhone: z.string().optional(),
  address: z.string().optional(),
  website: z.string().optional(),
  bankDetails: z.string().optional(),
});
export type OrganisationIdentity = z.infer<typeof ZIdentity>;

type KeyRow = { wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null } | null;

const aad = (organisationId: string) => `organisation:${organisationId}`;

export function wrapDataKey(organisationId: string, dataKey: Buffer, share: Buffer) {
  const mk = masterKeys();
  const kek = wrappingKey(mk.keys.get(mk.currentId)!, share, aad(organisationId));
  return { wrapped: seal(kek, dataKey, `key:${aad(organisationId)}`), masterKeyId: mk.currentId };
}

export function unwrapDataKey(organisationId: string, wrapped: Buffer, masterKeyId: string): Buffer | null {
  const share = readShare(organisationId);
  const master = masterKeys().keys.get(masterKeyId);
  if (!share) return null;
  if (!master) throw new Error(`master key ${masterKeyId} is not configured`);
  return open(wrappingKey(master, share, aad(organisationId)), wrapped, `key:${aad(organisationId)}`);
}

/** Seals and stores the identity, creating the organisation's data key on first use. */
export async function storeIdentity(tx: Tx, organisationId: string, identity: OrganisationIdentity) {
  const existing = await tx.organisationKey.findUnique({ where: { organisationId } });
  if (existing?.destroyedAt) throw new Error("identity of an erased organisation cannot be stored");
  const dataKey = await organisationDataKey(tx, organisationId, true);
  if (!dataKey) throw new Error("key share missing");
  const sealed = seal(dataKey, Buffer.from(JSON.stringify(identity), "utf8"), aad(organisationId));
  await tx.organisation.update({ where: { id: organisationId }, data: { identity: new Uint8Array(sealed) } });
}

/** The identity in clear, or null when it was erased (or never stored). */
export function openIdentity(organisation: { id: string; identity: Uint8Array | null }, key: KeyRow): OrganisationIdentity | null {
  if (!organisation.identity || !key?.wrappedKey || key.destroyedAt) return null;
  const dataKey = unwrapDataKey(organisation.id, Buffer.from(key.wrappedKey), key.masterKeyId);
  if (!dataKey) return null;
  const clear = open(dataKey, Buffer.from(organisation.identity), aad(organisation.id));
  return ZIdentity.parse(JSON.parse(clear.toString("utf8")));
}

/**
 * The organisation's data key in clear, for sealing what belongs to it (files, file names,
 * invitations); null once erased or never created. Created on first use when `create`.
 */
export async function organisationDataKey(tx: Tx, organisationId: string, create = false): Promise<Buffer | null> {
  // FOR SHARE: a key renewal (FOR UPDATE) waits for writers sealing under the current key.
  const [existing] = await tx.$queryRaw<{ wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null }[]>`
    SELECT "wrappedKey", "masterKeyId", "destroyedAt" FROM "OrganisationKey" WHERE "organisationId" = ${organisationId}::uuid FOR SHARE`;
  if (existing?.destroyedAt) return null;
  if (existing?.wrappedKey) return unwrapDataKey(organisationId, Buffer.from(existing.wrappedKey), existing.masterKeyId);
  if (!create) return null;
  const dataKey = newDataKey();
  const { wrapped, masterKeyId } = wrapDataKey(organisationId, dataKey, createShare(organisationId));
  await tx.organisationKey.create({ data: { organisationId, wrappedKey: new Uint8Array(wrapped), masterKeyId } });
  return dataKey;
}
