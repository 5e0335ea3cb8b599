// Master key rotation: with MOST_MASTER_KEYS="new:…,old:…", every wrapped data key and
// sealed TOTP secret still under an older key is re-wrapped under the new one. Afterwards
// the old key can be removed from the environment.
import "server-only";
import { db } from "../db";
import { masterKeys, openWithMaster, sealWithMaster } from "./envelope";
import { unwrapDataKey, wrapDataKey } from "../organisations/identity";
import { readShare, shareId } from "./keystore";
import { writeAudit } from "../audit/write";
import { rewrapPersonKeys } from "../users/person-keys";

export async function rotateMasterKey() {
  const { currentId } = masterKeys();
  let organisations = 0;
  let secrets = 0;
  const keys = await db.organisationKey.findMany({ where: { destroyedAt: null, masterKeyId: { not: currentId } } });
  // A live key without its share is a misconfiguration (wrong KEY_SHARE_DIR), not an erase:
  // refuse before anything changes, or dropping the old master key afterwards loses them.
  const missing = keys.filter((k) => k.wrappedKey && !readShare(shareId(k.organisationId, k.generation))).map((k) => k.organisationId);
  if (missing.length) throw new Error(`no key share in KEY_SHARE_DIR for ${missing.length} organisations (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}): check KEY_SHARE_DIR before rotating`);
  for (const k of keys) {
    if (!k.wrappedKey) continue;
    const dataKey = unwrapDataKey(k.organisationId, Buffer.from(k.wrappedKey), k.masterKeyId, k.generation);
    const share = readShare(shareId(k.organisationId, k.generation));
    if (!dataKey || !share) continue;
    const { wrapped, masterKeyId } = wrapDataKey(k.organisationId, dataKey, share);
    await db.organisationKey.update({ where: { organisationId: k.organisationId }, data: { wrappedKey: new Uint8Array(wrapped), masterKeyId, rotatedAt: new Date() } });
    organisations++;
  }
  const totps = await db.totpFactor.findMany({ where: { masterKeyId: { not: currentId } } });
  for (const f of totps) {
    const clear = openWithMaster(Buffer.from(f.secret), f.masterKeyId, `totp:${f.userId}`);
    const { sealed, masterKeyId } = sealWithMaster(clear, `totp:${f.userId}`);
    await db.totpFactor.update({ where: { userId: f.userId }, data: { secret: new Uint8Array(sealed), masterKeyId } });
    secrets++;
  }
  // People's keys too (lib/users/person-keys.ts): afterwards no key needs the old master key.
  const people = await rewrapPersonKeys();
  await db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", after: { masterKeyId: currentId, organisations, people, secrets } }));
  return { currentId, organisations, people, secrets };
}
