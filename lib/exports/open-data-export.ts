import "server-only";
import { Readable } from "node:stream";
import type { Actor } from "../auth/actor";
import { exportScope, recordExport } from "../reports/disbursements";
import { iatiXml } from "./iati";
import { loadOpenGrants } from "./open-data";
import { threeSixtyCsv, threeSixtyPackage } from "./threesixty";

export async function openDataExport(actor: Actor, standard: "iati" | "360giving", format: "xml" | "json" | "csv", unredacted: boolean) {
  const scope = exportScope(actor, unredacted);
  await recordExport(actor, standard, format, {}, unredacted, scope);
  const grants = await loadOpenGrants(scope, unredacted);
  const stamp = new Date().toISOString().slice(0, 10);
  if (standard === "iati") return { stream: Readable.from([iatiXml(grants)]), contentType: "application/xml; charset=utf-8", fileName: `iati-activities-${stamp}.xml` };
  if (format === "csv") return { stream: Readable.from([threeSixtyCsv(grants)]), contentType: "text/csv; charset=utf-8", fileName: `360giving-${stamp}.csv` };
  return { stream: Readable.from([JSON.stringify(threeSixtyPackage(grants), null, 2)]), contentType: "application/json; charset=utf-8", fileName: `360giving-${stamp}.json` };
}
