// An invitation's address belongs to the inviting organisation: sealed with its data key
// (so an erase of the organisation shreds it too) and matched by its blind index.
import "server-only";
import type { Tx } from "../db";
import { open, seal } from "../crypto/envelope";
import { emailIndex, normaliseEmail } from "../users/blind-index";
import { organisationDataKey } from "./identity";

const aad = (invitationId: string) => `invitation:${invitationId}`;

export async function sealInvitationEmail(tx: Tx, organisationId: string, invitationId: string, email: string) {
  const key = await organisationDataKey(tx, organisationId, { create: true });
  if (!key) throw new Error("the organisation's data key is gone");
  const clear = normaliseEmail(email);
  return { email: new Uint8Array(seal(key, Buffer.from(clear, "utf8"), aad(invitationId))), emailIndex: emailIndex(clear) };
}

/** The invited address, or null once the organisation's key is destroyed. */
export async function openInvitationEmail(tx: Tx, invitation: { id: string; organisationId: string; email: Uint8Array }, key?: Buffer | null): Promise<string | null> {
  const dataKey = key === undefined ? await organisationDataKey(tx, invitation.organisationId) : key;
  return dataKey ? open(dataKey, Buffer.from(invitation.email), aad(invitation.id)).toString("utf8") : null;
}
