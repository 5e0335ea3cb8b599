import "server-only";
import { Readable } from "node:stream";
import type { Actor } from "../auth/actor";
import { exportScope, recordExport } from "../reports/disbursements";
import { iatiChunks } from "./iati";
import { openGrantBatches } from "./open-data";
import { threeSixtyCsvChunks, threeSixtyJsonChunks } from "./threesixty";

export async function openDataExport(actor: Actor, standard: "iati" | "360giving", format: "xml" | "json" | "csv", unredacted: boolean) {
  const scope = exportScope(actor, unredacted);
  await recordExport(actor, standard, format, {}, unredacted, scope);
  // Streamed a batch of grants at a time: the file is never held whole.
  const grants = openGrantBatches(scope, unredacted);
  const stamp = new Date().toISOString().slice(0, 10);
  if (standard === "iati") return { stream: Readable.from(iatiChunks(grants)), contentType: "application/xml; charset=utf-8", fileName: `iati-activities-${stamp}.xml` };
  if (format === "csv") return { stream: Readable.from(threeSixtyCsvChunks(grants)), contentType: "text/csv; charset=utf-8", fileName: `360giving-${stamp}.csv` };
  return { stream: Readable.from(threeSixtyJsonChunks(grants)), contentType: "application/json; charset=utf-8", fileName: `360giving-${stamp}.json` };
}
