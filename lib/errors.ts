// One error type for expected failures. `code` maps to a message key in the catalogues
// (errors.<code>); anything else is unexpected and shown as a generic error with the
// request id.

export const ERROR_CODES = [
  "validation",
  "unauthenticated",
  "invalidCredentials",
  "forbidden",
  "notFound",
  "conflict",
  "staleVersion",
  "invalidTransition",
  "alreadyDone",
  "fourEyes",
  "rateLimited",
  "deadlinePassed",
  "callClosed",
  "budgetMismatch",
  "envelopeExceeded",
  "overpayment",
  "duplicate",
  "fileRejected",
  "stepUpRequired",
  "fxMissing",
  "conditionNotMet",
  "checkpointsNotConfigured",
  "busy",
  "sanctionsHold",
  "sanctionsUnscreened",
  "sanctionsListsMissing",
  "payeeMissing",
  "payeeChangePending",
  "payeeRetired",
  "payeeUnverified",
  "payeeCoolingOff",
  "batchTrancheNotPayable",
  "batchStale",
  "trancheInBatch",
  "batchNotReleased",
  "bankLineStale",
  "batchFileRefused",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Per-field message keys for forms, e.g. { email: "errors.field.email" }. */
    readonly fields?: Record<string, string>,
    /** Values interpolated into the translated message. */
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("notFound");
export const forbidden = () => new AppError("forbidden");

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
