// An organisation's identity (names, registration number, contacts, bank details) is sealed
// with its own data key; the data key is wrapped by a key derived from the master key and
// a key share kept outside the database (see lib/crypto/keystore.ts).
import "server-only";
import { z } from "zod";
import { KEY_PERSON_ROLE_VALUES } from "./schemas";
import type { Tx } from "../db";
import { masterKeys, newDataKey, open, seal } from "../crypto/envelope";
import { AppError } from "../errors";
import { createShare, readShare, shareId, wrappingKey } from "../crypto/keystore";

/** Screened against the sanctions lists (issue 14); sealed with the rest of the identity. */
export const ZKeyPerson = z.object({
  id: z.string(),
  role: z.enum(KEY_PERSON_ROLE_VALUES),
  /** As written in the person's documents, in the original script. */
  name: z.string(),
  /** The Latin spelling in the passport, when there is one. */
  latinName: z.string().optional(),
  birthDate: z.string().optional(),
  nationality: z.string().optional(),
});
export type KeyPerson = z.infer<typeof ZKeyPerson>;

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
  formerNames: z.array(z.string()).optional(),
  keyPeople: z.array(ZKeyPerson).optional(),
});
export type OrganisationIdentity = z.infer<typeof ZIdentity>;

type KeyRow = { wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null; generation?: number } | null;

const aad = (organisationId: string) => `organisation:${organisationId}`;

export function wrapDataKey(organisationId: string, dataKey: Buffer, share: Buffer) {
  const mk = masterKeys();
  const kek = wrappingKey(mk.keys.get(mk.currentId)!, share, aad(organisationId));
  return { wrapped: seal(kek, dataKey, `key:${aad(organisationId)}`), masterKeyId: mk.currentId };
}

/** `generation`: of the key row (each renewal has its own share). */
export function unwrapDataKey(organisationId: string, wrapped: Buffer, masterKeyId: string, generation = 1): Buffer | null {
  const share = readShare(shareId(organisationId, generation));
  const master = masterKeys().keys.get(masterKeyId);
  if (!share) return null;
  if (!master) throw new Error(`master key ${masterKeyId} is not configured`);
  return open(wrappingKey(master, share, aad(organisationId)), wrapped, `key:${aad(organisationId)}`);
}

/** Seals and stores the identity, creating the organisation's data key on first use. */
export async function storeIdentity(tx: Tx, organisationId: string, identity: OrganisationIdentity) {
  const existing = await tx.organisationKey.findUnique({ where: { organisationId } });
  if (existing?.destroyedAt) throw new Error("identity of an erased organisation cannot be stored");
  const dataKey = await organisationDataKey(tx, organisationId, { create: true });
  if (!dataKey) throw new Error("key share missing");
  const sealed = seal(dataKey, Buffer.from(JSON.stringify(identity), "utf8"), aad(organisationId));
  await tx.organisation.update({ where: { id: organisationId }, data: { identity: new Uint8Array(sealed) } });
}

/** The identity in clear, or null when it was erased (or never stored). */
export function openIdentity(organisation: { id: string; identity: Uint8Array | null }, key: KeyRow): OrganisationIdentity | null {
  if (!organisation.identity) return null;
  return openIdentityWith(organisation, dataKeyOf(organisation.id, key));
}

/** The identity in clear with a data key already unwrapped (null: erased, or no key). */
export function openIdentityWith(organisation: { id: string; identity: Uint8Array | null }, dataKey: Buffer | null): OrganisationIdentity | null {
  if (!organisation.identity || !dataKey) return null;
  const clear = open(dataKey, Buffer.from(organisation.identity), aad(organisation.id));
  return ZIdentity.parse(JSON.parse(clear.toString("utf8")));
}

/**
 * The organisation's data key in clear, for sealing or opening what belongs to it (files,
 * names, invitations); null once erased or never created. `lock`: for writers that seal
 * under it — the key row is held FOR SHARE so a renewal (FOR UPDATE) waits for them and
 * they for it, at most 5 s (then "busy"). Readers take no lock: a renewal never waits for
 * page views. `create`: makes the key on first use (implies lock).
 */
export async function organisationDataKey(tx: Tx, organisationId: string, opts: { lock?: boolean; create?: boolean } = {}): Promise<Buffer | null> {
  const lock = opts.lock || opts.create;
  if (lock) await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
  const rows = lock
    ? await tx.$queryRaw<{ wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null; generation: number }[]>`
        SELECT "wrappedKey", "masterKeyId", "destroyedAt", generation FROM "OrganisationKey" WHERE "organisationId" = ${organisationId}::uuid FOR SHARE`.catch(busy)
    : await tx.organisationKey.findMany({ where: { organisationId }, select: { wrappedKey: true, masterKeyId: true, destroyedAt: true, generation: true } });
  const existing = rows[0];
  if (existing?.destroyedAt) return null;
  if (existing?.wrappedKey) return dataKeyOf(organisationId, existing);
  if (!opts.create || existing) return null;
  const dataKey = newDataKey();
  // No key row yet: a share of this name can only be one a rolled-back transaction left.
  const { wrapped, masterKeyId } = wrapDataKey(organisationId, dataKey, createShare(organisationId, true));
  await tx.organisationKey.create({ data: { organisationId, wrappedKey: new Uint8Array(wrapped), masterKeyId } });
  return dataKey;
}

/** The data key from a key row already read (a batch reads many at once); null when erased. */
export function dataKeyOf(organisationId: string, key: KeyRow | undefined): Buffer | null {
  if (!key || key.destroyedAt || !key.wrappedKey) return null;
  return unwrapDataKey(organisationId, Buffer.from(key.wrappedKey), key.masterKeyId, key.generation);
}

/** A lock wait that ran out (a key renewal of this organisation is under way). */
function busy(e: unknown): never {
  if (String((e as Error)?.message ?? e).includes("lock timeout")) throw new AppError("busy");
  throw e;
}
