// The payment guard's refusals (most_payee_check, migration 20261202060000_payee_accounts) as
// error codes, and the same check read in lib/ first so the message is the precise one.
import "server-only";
import type { Tx } from "../db";
import { AppError, type ErrorCode } from "../errors";

export type PayeeErrorCode = Extract<ErrorCode, "payeeMissing" | "payeeChangePending" | "payeeRetired" | "payeeUnverified" | "payeeCoolingOff">;

const DB_CODES: Record<string, PayeeErrorCode> = {
  most_payee_missing: "payeeMissing",
  most_payee_change_pending: "payeeChangePending",
  most_payee_retired: "payeeRetired",
  most_payee_unverified: "payeeUnverified",
  most_payee_cooling_off: "payeeCoolingOff",
};

export function payeeErrorCode(e: unknown): PayeeErrorCode | null {
  const text = e instanceof Error ? e.message : String(e);
  for (const [marker, code] of Object.entries(DB_CODES)) if (text.includes(marker)) return code;
  return null;
}

/** The database's own check, run first inside the payment's transaction (it raises). */
export async function assertPayeeReady(tx: Tx, grantId: string) {
  try {
    await tx.$executeRaw`SELECT most_payee_check(${grantId}::uuid)`;
  } catch (e) {
    const code = payeeErrorCode(e);
    if (code) throw new AppError(code);
    throw e;
  }
}
