// A person's name and e-mail address are sealed (AES-256-GCM) with a data key of their own,
// for applicants and staff alike (one code path, as for organisations: decision 0005). The
// key is wrapped like an organisation's: under HKDF(master key, key share), the share named
// by the user id. Destroying the key (row and share) makes the person unrecoverable from any
// dump. A person is found by the blind index of their e-mail (./blind-index.ts).
import "server-only";
import { z } from "zod";
import { db, type Prisma, type Tx } from "../db";
import { masterKeys, newDataKey, open, seal } from "../crypto/envelope";
import { randomUUID } from "node:crypto";
import { createShare, readShare, wrappingKey } from "../crypto/keystore";
import { emailIndex, normaliseEmail } from "./blind-index";

const ZPersonalData = z.object({ name: z.string(), email: z.string() });
export type PersonalData = z.infer<typeof ZPersonalData>;

type Client = Tx | typeof db;
type KeyRow = { wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null } | null;
/** What openPerson needs: select it with `...PERSON_FIELDS`. */
export const PERSON_FIELDS = { id: true, personal: true, personKey: { select: { wrappedKey: true, masterKeyId: true, destroyedAt: true } } } as const;
type PersonRow = { id: string; personal: Uint8Array | null; personKey: KeyRow };

const aad = (userId: string) => `person:${userId}`;

export function wrapPersonKey(userId: string, dataKey: Buffer, share: Buffer) {
  const mk = masterKeys();
  const kek = wrappingKey(mk.keys.get(mk.currentId)!, share, aad(userId));
  return { wrapped: seal(kek, dataKey, `key:${aad(userId)}`), masterKeyId: mk.currentId };
}

export function unwrapPersonKey(userId: string, wrapped: Buffer, masterKeyId: string): Buffer | null {
  const share = readShare(userId);
  const master = masterKeys().keys.get(masterKeyId);
  if (!share) return null;
  if (!master) throw new Error(`master key ${masterKeyId} is not configured`);
  return open(wrappingKey(master, share, aad(userId)), wrapped, `key:${aad(userId)}`);
}

/** The person's data key, created on first use; null once destroyed. */
async function personKey(tx: Client, userId: string): Promise<Buffer | null> {
  const existing = await tx.personKey.findUnique({ where: { userId } });
  if (existing?.destroyedAt) return null;
  if (existing?.wrappedKey) return unwrapPersonKey(userId, Buffer.from(existing.wrappedKey), existing.masterKeyId);
  const dataKey = newDataKey();
  // A share left by a transaction that rolled back was never used: take it over.
  const { wrapped, masterKeyId } = wrapPersonKey(userId, dataKey, readShare(userId) ?? createShare(userId));
  await tx.personKey.create({ data: { userId, wrappedKey: new Uint8Array(wrapped), masterKeyId } });
  return dataKey;
}

/** The sealed columns of a person under `dataKey` (for a new or renewed key). */
export function sealed(dataKey: Buffer, userId: string, data: PersonalData) {
  const clear = { name: data.name.trim(), email: normaliseEmail(data.email) };
  return { personal: new Uint8Array(seal(dataKey, Buffer.from(JSON.stringify(clear), "utf8"), aad(userId))), emailIndex: emailIndex(clear.email) };
}

/** Seals (or re-seals) a person's name and e-mail and their blind index; clears any legacy copy. */
export async function sealPerson(tx: Client, userId: string, data: PersonalData) {
  const dataKey = await personKey(tx, userId);
  if (!dataKey) throw new Error("personal key of an erased person");
  await tx.user.update({ where: { id: userId }, data: { ...sealed(dataKey, userId, data), legacyEmail: null, legacyName: null } });
}

/**
 * Creates an account with its personal data sealed: the one way a User row is made
 * (sign-up, admin, seed, tests). Returns the row with the name and address in clear.
 */
export async function createPerson(
  tx: Tx,
  data: PersonalData & Omit<Prisma.UserUncheckedCreateInput, "id" | "emailIndex" | "personal" | "legacyEmail" | "legacyName">,
) {
  const { name, email, ...rest } = data;
  const id = randomUUID();
  // The key row references the user row: insert it with its index (and an empty seal,
  // never visible outside this transaction) first, then seal under the new key.
  const user = await tx.user.create({ data: { ...rest, id, emailIndex: emailIndex(email), personal: new Uint8Array(0) } });
  const dataKey = await personKey(tx, id);
  const fields = sealed(dataKey!, id, { name, email });
  await tx.user.update({ where: { id }, data: fields });
  return { ...user, ...fields, name: name.trim(), email: normaliseEmail(email) };
}

/** The person's name and e-mail in clear, or null once erased. */
export function openPerson(row: PersonRow): PersonalData | null {
  const key = row.personKey;
  if (!row.personal || row.personal.length === 0 || !key?.wrappedKey || key.destroyedAt) return null;
  const dataKey = unwrapPersonKey(row.id, Buffer.from(key.wrappedKey), key.masterKeyId);
  if (!dataKey) return null;
  return ZPersonalData.parse(JSON.parse(open(dataKey, Buffer.from(row.personal), aad(row.id)).toString("utf8")));
}

/** Several people at once, in one query (lists of staff, thread authors): id → data. */
export async function openPeople(ids: Iterable<string>, client: Client = db): Promise<Map<string, PersonalData>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, PersonalData>();
  if (unique.length === 0) return out;
  const rows = await client.user.findMany({ where: { id: { in: unique } }, select: PERSON_FIELDS });
  for (const row of rows) {
    const data = openPerson(row);
    if (data) out.set(row.id, data);
  }
  return out;
}

export async function openPersonById(id: string, client: Client = db): Promise<PersonalData | null> {
  return (await openPeople([id], client)).get(id) ?? null;
}

/** The where clause that finds the account of an e-mail address. */
export const byEmail = (email: string) => ({ emailIndex: emailIndex(email) });

/**
 * Upgrade: seals every row still holding a clear name and address (from before the sealed
 * columns existed) and removes the clear copy. Idempotent: sealed rows are never selected
 * again. Run by db:prepare and the run command before the portal starts.
 */
export async function sealLegacyPeople(batch = 200): Promise<number> {
  let sealedCount = 0;
  for (;;) {
    const rows = await db.user.findMany({ where: { personal: null }, select: { id: true, legacyEmail: true, legacyName: true }, take: batch });
    if (rows.length === 0) return sealedCount;
    for (const r of rows) {
      // The CHECK on User guarantees both clear values while `personal` is NULL.
      await db.$transaction((tx) => sealPerson(tx, r.id, { name: r.legacyName ?? "", email: r.legacyEmail ?? "" }));
      sealedCount++;
    }
  }
}
