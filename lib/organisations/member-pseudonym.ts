// Who, among an organisation's members, did something: in the audit trail a member acting
// for an organisation is recorded under a pseudonym keyed with that organisation's data
// key, not under the account id. The same person acting for two organisations is then two
// unrelated ids to anyone without both keys, and an erase (destroying the key) unties the
// events from the person for good, although the trail itself is append-only. A key renewal
// changes the pseudonyms: events before and after it name the member differently.
import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import type { Tx } from "../db";
import { organisationDataKey } from "./identity";

/** A UUID (RFC 9562 version 8, "custom") derived from the data key and the account id. */
export function memberPseudonym(dataKey: Buffer, userId: string): string {
  // A subkey of its own: the data key itself only seals.
  const key = Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "most:member-pseudonym", 32));
  const b = createHmac("sha256", key).update(`member:${userId}`).digest().subarray(0, 16);
  b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x80, 6);
  b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The member's pseudonym for this organisation; null when its key is gone (nothing to tie). */
export async function memberActorId(tx: Tx, organisationId: string, userId: string): Promise<string | null> {
  const key = await organisationDataKey(tx, organisationId);
  return key ? memberPseudonym(key, userId) : null;
}
