// A grant's payee account through the real path: a member adds it, the funder's finance records
// a call-back, an approver confirms; the member chooses it for the grant, an approver confirms.
// `cooled`: the confirmation is moved back past the funder's cooling-off period, as the owner
// with the triggers off (the portal's login cannot backdate: the database stamps now()).
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { addPayeeAccount } from "../../lib/bank/accounts";
import { confirmGrantPayee, requestGrantPayee } from "../../lib/bank/accounts-grant";
import { confirmPayeeVerification, recordPayeeVerification } from "../../lib/bank/accounts-verification";
import { randomInt } from "node:crypto";
import { ibanProblem, ZPayeeAccount, type TPayeeAccountInput } from "../../lib/bank/account";
import { ownerDb } from "../../scripts/lib/owner-client";
import { actorFor } from "./index";

export const SAMPLE_IBAN = "DE89370400440532013000";
/** Valid IBANs (checksums right) for accounts that must differ. */
export const SAMPLE_IBANS = ["DE89370400440532013000", "CZ6508000000192000145399", "FR1420041010050500013M02606", "GB29NWBK60161331926819", "NL91ABNA0417164300"] as const;

/** A correct German IBAN with a random account number, for accounts that must all differ. */
export function randomIban(): string {
  for (let i = 0; i < 100; i++) {
    const bban = `37040044${String(randomInt(0, 2 ** 32)).padStart(10, "0")}`;
    // ISO 7064 mod 97-10: the BBAN, then the country (D = 13, E = 14) and "00".
    const check = 98n - (BigInt(`${bban}131400`) % 97n);
    const iban = `DE${String(check).padStart(2, "0")}${bban}`;
    if (!ibanProblem(iban)) return iban;
  }
  throw new Error("no valid IBAN generated");
}

export const sepaAccount = (iban: string = SAMPLE_IBAN, holderName = "Hidden Lawyers Collective"): TPayeeAccountInput => ({ kind: "sepa", iban, holderName });

/** Moves a verification's confirmation and the end of its cooling-off `days` back (owner login, triggers off for this one statement). */
export async function backdateVerification(verificationId: string, days: number) {
  await ownerDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRaw`UPDATE "PayeeVerification" SET "decidedAt" = "decidedAt" - make_interval(days => ${days}::int), "usableFrom" = "usableFrom" - make_interval(days => ${days}::int) WHERE id = ${verificationId}::uuid`;
  });
}

export async function verifiedAccount(p: { organisationId: string; funderId: string; member: Actor; finance: Actor; approver: Actor; iban?: string; cooled?: boolean }) {
  const { id: accountId } = await addPayeeAccount(p.member, { organisationId: p.organisationId, account: ZPayeeAccount.parse(sepaAccount(p.iban)) });
  const verificationId = await recordPayeeVerification(p.finance, { accountId, funderId: p.funderId, method: "CALL_BACK", note: "Called the director on the number from the 2024 application" });
  await confirmPayeeVerification(p.approver, verificationId);
  if (p.cooled ?? true) await backdateVerification(verificationId, 30);
  return { accountId, verificationId };
}

/** Chooses an account for a grant and has it confirmed. */
export async function chooseGrantPayee(grantId: string, accountId: string, requester: Actor, approver: Actor) {
  const changeId = await requestGrantPayee(requester, { grantId, accountId });
  await confirmGrantPayee(approver, changeId);
  return changeId;
}

/** A verified, cooled-off account named by the grant: what every paid grant needs. */
export async function readyPayee(grant: { id: string; organisationId: string; funderId: string }, who: { memberId: string; finance: Actor; approver: Actor; iban?: string; cooled?: boolean }) {
  const member = await actorFor(who.memberId);
  // Another account of the organisation may be in use already (a second grant): reuse it.
  const existing = await db.payeeAccount.findFirst({ where: { organisationId: grant.organisationId, retiredAt: null, verifications: { some: { funderId: grant.funderId, status: "CONFIRMED" } } } });
  const accountId = existing && !who.iban
    ? existing.id
    : (await verifiedAccount({ organisationId: grant.organisationId, funderId: grant.funderId, member, finance: who.finance, approver: who.approver, iban: who.iban, cooled: who.cooled })).accountId;
  await chooseGrantPayee(grant.id, accountId, member, who.approver);
  return accountId;
}
