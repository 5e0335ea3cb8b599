// Inputs of the payee-account commands (issue 15). The account itself is ZPayeeAccount
// (account.ts); forms send it flat, with `kind` choosing the variant.
import { z } from "zod";
import { zId, zRequiredText } from "../validation";
import { ZPayeeAccount } from "./account";

export const ZAddPayeeAccount = z.object({ organisationId: zId, account: ZPayeeAccount });
export type TAddPayeeAccount = z.output<typeof ZAddPayeeAccount>;

export const ZPayeeAccountRef = z.object({ accountId: zId });

export const VERIFICATION_METHODS = ["CALL_BACK", "BANK_LETTER", "OTHER"] as const;

export const ZRecordVerification = z.object({
  accountId: zId,
  funderId: zId,
  method: z.enum(VERIFICATION_METHODS, "errors.field.required"),
  /** How: the number called back and where it came from, the letter's date and signatory. */
  note: zRequiredText(2000),
});
export type TRecordVerification = z.output<typeof ZRecordVerification>;

export const ZRequestGrantPayee = z.object({ grantId: zId, accountId: zId });
export type TRequestGrantPayee = z.output<typeof ZRequestGrantPayee>;

/** The add form, sent flat: the account's fields next to the organisation's id. */
export const ZAddPayeeAccountForm = ZPayeeAccount.and(z.object({ organisationId: zId }));

const zAccept = z.enum(["yes", "no"], "errors.field.required");
export const ZDecideVerification = z.object({ verificationId: zId, accept: zAccept });
export const ZDecideGrantPayee = z.object({ changeId: zId, accept: zAccept });

export const REVOCATION_REASONS = ["SUSPECTED_FRAUD", "ACCOUNT_CLOSED", "DETAILS_WRONG", "OTHER"] as const;
export const ZRevokeVerification = z.object({ verificationId: zId, reason: z.enum(REVOCATION_REASONS, "errors.field.required") });
export type TRevokeVerification = z.output<typeof ZRevokeVerification>;
