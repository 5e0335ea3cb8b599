// The life of personal keys beyond sealing: the erase of an organisation's people, master
// key rotation (re-wrap) and renewal (a new key, the data sealed again). Exported for the
// organisation erase and keys:rotate, which call them.
import "server-only";
import { db, type Tx } from "../db";
import { masterKeys, newDataKey } from "../crypto/envelope";
import { destroyShare, readShare } from "../crypto/keystore";
import { revokeUserSessions } from "../auth/sessions";
import { openPerson, PERSON_FIELDS, sealed, unwrapPersonKey, wrapPersonKey } from "./personal-data";

export type PeopleErased = { erased: number; kept: number; memberships: number };

/**
 * Inside the organisation's erase: every member who belongs to no other organisation and
 * holds no staff or platform role loses their personal key (row and share), their account
 * (disabled, sessions ended, index and second factors removed); everyone loses their
 * membership of it. Shares are destroyed last, after the rows: run it in the erase's
 * transaction, which must not fail after it returns (a destroyed share cannot come back).
 */
export async function erasePeopleOf(tx: Tx, organisationId: string, now = new Date()): Promise<PeopleErased> {
  const members = await tx.membership.findMany({
    where: { organisationId },
    select: { userId: true, user: { select: { isPlatformAdmin: true, _count: { select: { memberships: true, staffRoles: true } } } } },
  });
  const alone = members.filter((m) => m.user._count.memberships === 1 && m.user._count.staffRoles === 0 && !m.user.isPlatformAdmin).map((m) => m.userId);
  for (const userId of alone) {
    await tx.personKey.updateMany({ where: { userId }, data: { wrappedKey: null, destroyedAt: now } });
    // No index left: the address no longer finds (or betrays) the account, and may sign up anew.
    await tx.user.update({ where: { id: userId }, data: { disabledAt: now, personal: new Uint8Array(0), emailIndex: null } });
    await revokeUserSessions(userId, "erased", now, tx);
    await tx.totpFactor.deleteMany({ where: { userId } });
    await tx.passkey.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.passwordReset.deleteMany({ where: { userId } });
  }
  const { count: memberships } = await tx.membership.deleteMany({ where: { organisationId } });
  for (const userId of alone) destroyShare(userId);
  return { erased: alone.length, kept: members.length - alone.length, memberships };
}

/** Rotation: every personal key still under an older master key is re-wrapped under the current one. */
export async function rewrapPersonKeys(): Promise<number> {
  const { currentId } = masterKeys();
  let rewrapped = 0;
  const keys = await db.personKey.findMany({ where: { destroyedAt: null, masterKeyId: { not: currentId } } });
  for (const k of keys) {
    if (!k.wrappedKey) continue;
    const share = readShare(k.userId);
    const dataKey = share ? unwrapPersonKey(k.userId, Buffer.from(k.wrappedKey), k.masterKeyId) : null;
    if (!share || !dataKey) continue;
    const { wrapped, masterKeyId } = wrapPersonKey(k.userId, dataKey, share);
    // Only if nobody renewed or rotated it meanwhile.
    const { count } = await db.personKey.updateMany({ where: { userId: k.userId, masterKeyId: k.masterKeyId, rotatedAt: k.rotatedAt }, data: { wrappedKey: new Uint8Array(wrapped), masterKeyId, rotatedAt: new Date() } });
    rewrapped += count;
  }
  return rewrapped;
}

/**
 * A new personal key, and the name and address sealed again with it: an old dump plus the
 * old wrapped key opens nothing written from now on. Returns false for an erased person.
 */
export async function renewPersonKey(userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "PersonKey" WHERE "userId" = ${userId}::uuid FOR UPDATE`;
    const row = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: PERSON_FIELDS });
    const data = openPerson(row);
    const share = readShare(userId);
    if (!data || !share) return false;
    const dataKey = newDataKey();
    const { wrapped, masterKeyId } = wrapPersonKey(userId, dataKey, share);
    await tx.personKey.update({ where: { userId }, data: { wrappedKey: new Uint8Array(wrapped), masterKeyId, rotatedAt: new Date() } });
    await tx.user.update({ where: { id: userId }, data: sealed(dataKey, userId, data) });
    return true;
  });
}
