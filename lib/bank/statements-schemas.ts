// Inputs of the statement commands (issue 15, item 4).
import { z } from "zod";
import { zId } from "../validation";

export const ZStatementUpload = z.object({
  funderId: zId,
  // A form without a chosen file sends an empty File (or nothing): "choose a file", not a crash.
  file: z.instanceof(File, { message: "errors.statement.noFile" }),
});

export const ZStatementLineRef = z.object({ lineId: zId });
