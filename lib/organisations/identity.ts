// An organisation's identity (names, registration, contacts, bank details) is sealed
// with its own data key; see lib/crypto/envelope.ts.
import "server-only";
import { z } from "zod";
import type { Tx } from "../db";
import { newDataKey, open, seal, unwrapKey, wrapKey } from "../crypto/envelope";

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

/** Seals and stores the identity, creating the organisation's data key on first use. */
export async function storeIdentity(tx: Tx, organisationId: string, identity: OrganisationIdentity) {
  const existing = await tx.organisationKey.findUnique({ where: { organisationId } });
  if (existing?.destroyedAt) throw new Error("identity of an erased organisation cannot be stored");
  let dataKey: Buffer;
  if (existing?.wrappedKey) {
    dataKey = unwrapKey(Buffer.from(existing.wrappedKey), existing.masterKeyId, aad(organisationId));
  } else {
    dataKey = newDataKey();
    const { wrapped, masterKeyId } = wrapKey(dataKey, aad(organisationId));
    await tx.organisationKey.create({
      data: { organisationId, wrappedKey: new Uint8Array(wrapped), masterKeyId },
    });
  }
  const sealed = seal(dataKey, Buffer.from(JSON.stringify(identity), "utf8"), aad(organisationId));
  await tx.organisation.update({ where: { id: organisationId }, data: { identity: new Uint8Array(sealed) } });
}

/** The identity in clear, or null when it was erased or never stored. */
export function openIdentity(
  organisation: { id: string; identity: Uint8Array | null },
  key: KeyRow,
): OrganisationIdentity | null {
  if (!organisation.identity || !key?.wrappedKey || key.destroyedAt) return null;
  const dataKey = unwrapKey(Buffer.from(key.wrappedKey), key.masterKeyId, aad(organisation.id));
  const clear = open(dataKey, Buffer.from(organisation.identity), aad(organisation.id));
  return ZIdentity.parse(JSON.parse(clear.toString("utf8")));
}
