// A small export world built through the real paths: two funders, grants in EUR and CZK,
// payments recorded by finance (four eyes), one reversal, and a protected organisation.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { confirmDecision, recommendDecision } from "@/lib/decisions/commands";
import { saveSchedule } from "@/lib/grants/schedule";
import { approvePayment, recordPayment, requestPayment, reversePayment } from "@/lib/ledger/payments";
import { makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser } from "../../factories";
import { readyPayee } from "../../factories/payee";

export const key = () => randomUUID().replaceAll("-", "");

export type FunderTeam = Awaited<ReturnType<typeof funderTeam>>;

export async function funderTeam() {
  const funder = await makeFunder();
  const [officer, approver, finance, auditor] = await Promise.all([
    makeStaff(funder.id, "OFFICER"),
    makeStaff(funder.id, "APPROVER"),
    makeStaff(funder.id, "FINANCE"),
    makeStaff(funder.id, "AUDITOR"),
  ]);
  return { funder, officer, approver, finance, auditor };
}

/** CZK rates: 25 per EUR from 2 January 2026, 24.5 from 1 June 2026. */
export async function czkRates() {
  await db.fxRate.createMany({
    data: [
      { currency: "CZK", date: new Date("2026-01-02"), perEur: "25.00000000" },
      { currency: "CZK", date: new Date("2026-06-01"), perEur: "24.50000000" },
    ],
    skipDuplicates: true,
  });
}

type OrgOpts = Parameters<typeof makeOrganisation>[0] & { regionOnly?: boolean; registrationCountry?: string };

/** An approved grant of `team`'s funder for a new organisation, with a tranche schedule. */
export async function fundedGrant(team: FunderTeam, opts: { currency?: string; tranches: string[]; org?: OrgOpts; title?: string }) {
  const currency = opts.currency ?? "EUR";
  const amount = opts.tranches.reduce((a, t) => a + Number(t), 0).toFixed(2);
  const programme = await makeProgramme(team.funder.id, currency, "50000000.00");
  const call = await makeCall(programme.id, { kind: "EMERGENCY", currency, envelope: "50000000.00", maxGrant: "10000000.00", minGrant: "1.00" });
  const member = await makeUser();
  const { regionOnly, registrationCountry, ...orgOpts } = opts.org ?? {};
  let org = await makeOrganisation({ ...orgOpts, members: [{ userId: member.id }] });
  if (regionOnly || registrationCountry) org = await db.organisation.update({ where: { id: org.id }, data: { regionOnly: regionOnly ?? false, registrationCountry } });
  const app = await makeApplication(call.id, org.id, member.id, { amount, currency, title: opts.title });
  await db.budgetLine.create({ data: { applicationId: app.id, position: 0, category: "STAFF", description: "Staff", amount } });
  const d = await recommendDecision(team.officer, { applicationId: app.id, kind: "APPROVE", amount, reasonsForApplicant: "ok" });
  const { grantId } = await confirmDecision(team.approver, d);
  const g = await db.grant.findUniqueOrThrow({ where: { id: grantId! } });
  await saveSchedule(team.officer, {
    grantId: g.id,
    version: g.version,
    tranches: opts.tranches.map((plannedAmount, i) => ({ plannedAmount, plannedDate: `2027-0${i + 1}-15`, condition: "NONE" as const })),
  });
  const tranches = await db.tranche.findMany({ where: { grantId: g.id }, orderBy: { sequence: "asc" } });
  await readyPayee(g, { memberId: member.id, finance: team.finance, approver: team.approver });
  return { grant: await db.grant.findUniqueOrThrow({ where: { id: g.id } }), org, member, programme, call, app, tranches };
}

/**
 * Request, approve and record a tranche; returns the ledger receipt. The exports' fixtures
 * date payments in the past, before their grants' start (today): confirmed as such.
 */
export async function pay(team: FunderTeam, trancheId: string, valueDate: string, bankReference = `BANK-${key().slice(0, 8)}`) {
  await requestPayment(team.officer, trancheId);
  await approvePayment(team.approver, trancheId);
  return recordPayment(team.finance, { trancheId, idempotencyKey: key(), valueDate, bankReference, beforeStart: true });
}

export async function reverse(team: FunderTeam, ledgerEntryId: string, valueDate: string) {
  return reversePayment(team.finance, { ledgerEntryId: BigInt(ledgerEntryId), idempotencyKey: key(), reason: "Returned by the bank", valueDate });
}

export function staleMfa(actor: Actor): Actor {
  return { ...actor, mfaVerifiedAt: new Date(Date.now() - 60 * 60_000) };
}

/** Two funders; A has EUR and CZK grants (one protected organisation, one region-only), B one EUR grant. */
export async function disbursementWorld() {
  await czkRates();
  const a = await funderTeam();
  const b = await funderTeam();
  const eur = await fundedGrant(a, { tranches: ["30000.00", "30000.00"], org: { name: "=Open Lawyers", country: "LV", registrationCountry: "LV" } });
  const czk = await fundedGrant(a, {
    currency: "CZK",
    tranches: ["200000.00", "300000.00"],
    org: { protected: true, name: "Hidden Lawyers Collective", legalName: "OOO Skrytye Yuristy", country: "RU" },
  });
  const regional = await fundedGrant(a, { tranches: ["40000.00"], org: { name: "Quiet Educators", country: "GE", regionOnly: true } });
  const other = await fundedGrant(b, { tranches: ["50000.00"], org: { name: "Other Funder Grantee", country: "DE" } });

  const p1 = await pay(a, eur.tranches[0]!.id, "2026-03-10", "=HYPERLINK(\"http://evil.example\",\"x\")");
  const p2 = await pay(a, czk.tranches[0]!.id, "2026-04-15", "+420 CZ BANK");
  const p3 = await pay(a, czk.tranches[1]!.id, "2026-07-01", "-2+3");
  const r3 = await reverse(a, p3.ledgerEntryId, "2026-07-20");
  const p4 = await pay(a, regional.tranches[0]!.id, "2026-09-01", "@SUM(A1:A2)");
  const p5 = await pay(b, other.tranches[0]!.id, "2026-05-05", "B-REF-1");
  return { a, b, eur, czk, regional, other, payments: { p1, p2, p3, r3, p4, p5 } };
}

/** A minimal RFC 4180 reader (quotes, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c, "utf8") : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}
