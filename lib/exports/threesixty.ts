// 360Giving Data Standard 1.4.3: a JSON package of grants, and the flat CSV layout.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { Prisma } from "../db";
import { csvCell } from "./writers";
import type { OpenGrant } from "./open-data";

const PREFIX = "360G-MOST";

/** Paid to the grantee so far: disbursements net of their reversals (negative disbursement rows). */
function amountDisbursed(g: OpenGrant): string {
  return g.transactions.filter((t) => t.type === "disbursement").reduce((acc, t) => acc.plus(t.amount), new Prisma.Decimal(0)).toFixed(2);
}

export function threeSixtyGrant(g: OpenGrant) {
  const disbursements = g.transactions.filter((t) => t.type === "disbursement");
  return {
    id: `${PREFIX}-${g.number}`,
    title: g.title,
    description: g.description,
    currency: g.currency,
    amountAwarded: Number(g.amount),
    amountDisbursed: Number(amountDisbursed(g)),
    awardDate: g.awardDate,
    plannedDates: [{ startDate: g.startDate, endDate: g.endDate, duration: g.durationMonths }],
    recipientOrganization: [{ id: g.recipient.id, name: g.recipient.name, ...(g.recipient.country ? { addressCountry: g.recipient.country } : {}) }],
    fundingOrganization: [{ id: g.funder.id, name: g.funder.name }],
    grantProgramme: [{ code: g.programme.code, title: g.programme.name }],
    classifications: g.sectors.map((s) => ({ vocabulary: "OECD DAC CRS purpose codes", code: s.code, title: s.title })),
    disbursementTransaction: disbursements.map((t) => ({ id: `${PREFIX}-${g.number}-${t.id}`, transactionDate: t.valueDate, value: Number(t.amount), valueDate: t.valueDate })),
  };
}

export function threeSixtyPackage(grants: OpenGrant[], now = new Date()) {
  // The package schema's `version` is major.minor ("^(\d+\.)(\d+)$"): "1.4", not "1.4.3".
  return { version: "1.4", issued: now.toISOString().slice(0, 10), publisher: { name: "Most" }, grants: grants.map(threeSixtyGrant) };
}

const CSV_COLUMNS: Array<[string, (g: OpenGrant) => string | number]> = [
  ["Identifier", (g) => `${PREFIX}-${g.number}`],
  ["Title", (g) => g.title],
  ["Description", (g) => g.description],
  ["Currency", (g) => g.currency],
  ["Amount Awarded", (g) => g.amount],
  ["Amount Disbursed", amountDisbursed],
  ["Award Date", (g) => g.awardDate],
  ["Planned Dates:Start Date", (g) => g.startDate],
  ["Planned Dates:End Date", (g) => g.endDate],
  ["Planned Dates:Duration (months)", (g) => g.durationMonths],
  ["Recipient Org:Identifier", (g) => g.recipient.id],
  ["Recipient Org:Name", (g) => g.recipient.name],
  ["Recipient Org:Country", (g) => g.recipient.country ?? ""],
  ["Funding Org:Identifier", (g) => g.funder.id],
  ["Funding Org:Name", (g) => g.funder.name],
  ["Grant Programme:Code", (g) => g.programme.code],
  ["Grant Programme:Title", (g) => g.programme.name],
  ["Classifications:Code", (g) => g.sectors.map((s) => s.code).join(";")],
];

const csvRows = (grants: OpenGrant[]) => grants.map((g) => CSV_COLUMNS.map(([, f]) => csvCell(f(g))));

export function threeSixtyCsv(grants: OpenGrant[]): string {
  return "\uFEFF" + stringify([CSV_COLUMNS.map(([t]) => t), ...csvRows(grants)]);
}

/** threeSixtyCsv's text, a batch of grants at a time. */
export async function* threeSixtyCsvChunks(batches: AsyncIterable<OpenGrant[]>): AsyncGenerator<string> {
  yield "\uFEFF" + stringify([CSV_COLUMNS.map(([t]) => t)]);
  for await (const grants of batches) if (grants.length) yield stringify(csvRows(grants));
}

/**
 * JSON.stringify(threeSixtyPackage(grants), null, 2), a batch of grants at a time: the
 * package's text with its grants array left open, each grant indented as it would be there.
 */
export async function* threeSixtyJsonChunks(batches: AsyncIterable<OpenGrant[]>, now = new Date()): AsyncGenerator<string> {
  const shell = JSON.stringify({ ...threeSixtyPackage([], now), grants: [0] }, null, 2);
  const [before, after] = shell.split("\n    0\n") as [string, string];
  let first = true;
  for await (const grants of batches) {
    if (grants.length === 0) continue;
    const items = grants.map((g) => "    " + JSON.stringify(threeSixtyGrant(g), null, 2).replace(/\n/g, "\n    "));
    yield (first ? before + "\n" : ",\n") + items.join(",\n");
    first = false;
  }
  yield first ? JSON.stringify(threeSixtyPackage([], now), null, 2) : "\n" + after;
}
