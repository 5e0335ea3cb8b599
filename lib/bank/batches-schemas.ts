// Inputs of the payment-batch commands (issue 15, item 3).
import { z } from "zod";
import { zDate, zId } from "../validation";
import { PAIN001_VERSIONS } from "./pain001";

export const ZPrepareBatch = z.object({
  funderId: zId,
  debtorAccountId: zId,
  kind: z.enum(["SEPA", "OTHER"], "errors.field.required"),
  requestedExecutionDate: zDate,
  // At most what one file may carry in one go; repeated fields (form) or an array (API).
  // None ticked sends no field at all: that is "choose one", not an invalid value.
  trancheIds: z.preprocess((v) => (v === undefined ? [] : typeof v === "string" ? [v] : v), z.array(zId, "errors.batch.noTranches").min(1, "errors.batch.noTranches").max(10_000, "errors.field.tooLong")),
});
export type TPrepareBatch = z.output<typeof ZPrepareBatch>;

export const ZBatchRef = z.object({ batchId: zId });

export const ZBatchFile = z.object({
  batchId: zId,
  version: z.enum(PAIN001_VERSIONS).default("pain.001.001.09"),
});
export type TBatchFile = z.output<typeof ZBatchFile>;
