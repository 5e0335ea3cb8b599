// A payee account's details are sealed with its organisation's data key, like the identity
// (decision 0005), and bound to the organisation and the row: a sealed value cannot be moved
// to another account or another organisation.
import "server-only";
import { open, seal } from "../crypto/envelope";
import { ZPayeeAccount, type TPayeeAccount } from "./account";

export const payeeAad = (organisationId: string, accountId: string) => `payee:${organisationId}:${accountId}`;

export function sealPayeeDetails(dataKey: Buffer, organisationId: string, accountId: string, account: TPayeeAccount): Uint8Array<ArrayBuffer> {
  return new Uint8Array(seal(dataKey, Buffer.from(JSON.stringify(account), "utf8"), payeeAad(organisationId, accountId)));
}

export function openPayeeDetails(dataKey: Buffer, row: { id: string; organisationId: string; details: Uint8Array }): TPayeeAccount {
  const clear = open(dataKey, Buffer.from(row.details), payeeAad(row.organisationId, row.id));
  return ZPayeeAccount.parse(JSON.parse(clear.toString("utf8")));
}

/** A verification's note names people and numbers: sealed like the account, bound to its row. */
export const verificationNoteAad = (organisationId: string, verificationId: string) => `payee-verification:${organisationId}:${verificationId}`;

export function sealVerificationNote(dataKey: Buffer, organisationId: string, verificationId: string, note: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(seal(dataKey, Buffer.from(note, "utf8"), verificationNoteAad(organisationId, verificationId)));
}

export function openVerificationNote(dataKey: Buffer, organisationId: string, row: { id: string; note: Uint8Array }): string {
  return open(dataKey, Buffer.from(row.note), verificationNoteAad(organisationId, row.id)).toString("utf8");
}
