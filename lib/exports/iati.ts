// IATI Activity Standard 2.03 XML: one iati-activity per grant, transactions of type 2
// (commitment) and 3 (disbursement; reversals as negative values).
import "server-only";
import { IATI_REGION } from "../regions";
import type { OpenGrant } from "./open-data";

// XML 1.0 forbids most control characters even escaped: drop them, or the file will not parse.
const xmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const esc = (s: string) => Array.from(s).filter((ch) => xmlChar(ch.codePointAt(0)!)).join("").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STATUS: Record<string, string> = { ACTIVE: "2", SUSPENDED: "6", CLOSED: "4", TERMINATED: "5" };

/** Percentages as integers that add up to exactly 100. */
function split(n: number): number[] {
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 100 - base * (n - 1) : base));
}

function activity(g: OpenGrant, now: string): string {
  const org = (ref: string, role: string, type: string, name: string) =>
    `<participating-org ref="${esc(ref)}" role="${role}" type="${type}"><narrative>${esc(name)}</narrative></participating-org>`;
  const place = g.recipient.country
    ? `<recipient-country code="${g.recipient.country}" percentage="100"/>`
    : `<recipient-region code="${IATI_REGION[g.recipient.region as keyof typeof IATI_REGION] ?? "998"}" vocabulary="1" percentage="100"/>`;
  const shares = split(g.sectors.length);
  const sectors = g.sectors.map((s, i) => `<sector vocabulary="1" code="${s.code}" percentage="${shares[i]}"><narrative>${esc(s.title)}</narrative></sector>`).join("");
  const transactions = g.transactions
    .map(
      (t) =>
        `<transaction ref="${esc(g.number)}-${t.id}"><transaction-type code="${t.type === "commitment" ? "2" : "3"}"/>` +
        `<transaction-date iso-date="${t.valueDate}"/><value currency="${g.currency}" value-date="${t.valueDate}">${t.amount}</value>` +
        `<provider-org ref="${esc(g.funder.id)}"><narrative>${esc(g.funder.name)}</narrative></provider-org>` +
        `<receiver-org ref="${esc(g.recipient.id)}"><narrative>${esc(g.recipient.name)}</narrative></receiver-org></transaction>`,
    )
    .join("");
  return (
    `<iati-activity last-updated-datetime="${now}" xml:lang="en" default-currency="${g.currency}" hierarchy="1">` +
    `<iati-identifier>${esc(g.funder.id)}-${esc(g.number)}</iati-identifier>` +
    `<reporting-org ref="${esc(g.funder.id)}" type="10"><narrative>${esc(g.funder.name)}</narrative></reporting-org>` +
    `<title><narrative>${esc(g.title)}</narrative></title>` +
    `<description type="1"><narrative>${esc(g.description)}</narrative></description>` +
    org(g.funder.id, "1", "10", g.funder.name) +
    org(g.recipient.id, "4", "22", g.recipient.name) +
    `<activity-status code="${STATUS[g.status] ?? "2"}"/>` +
    `<activity-date iso-date="${g.startDate}" type="1"/><activity-date iso-date="${g.endDate}" type="3"/>` +
    place +
    sectors +
    transactions +
    `</iati-activity>`
  );
}

const head = (stamp: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${stamp}">\n`;
const TAIL = "\n</iati-activities>\n";

export function iatiXml(grants: OpenGrant[], now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19) + "Z";
  return `${head(stamp)}${grants.map((g) => activity(g, stamp)).join("\n")}${TAIL}`;
}

/** iatiXml's text, a batch of grants at a time. */
export async function* iatiChunks(batches: AsyncIterable<OpenGrant[]>, now = new Date()): AsyncGenerator<string> {
  const stamp = now.toISOString().slice(0, 19) + "Z";
  yield head(stamp);
  let first = true;
  for await (const grants of batches) {
    if (grants.length === 0) continue;
    yield (first ? "" : "\n") + grants.map((g) => activity(g, stamp)).join("\n");
    first = false;
  }
  yield TAIL;
}
