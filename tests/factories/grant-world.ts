// A grant reached through the real approval path, with a schedule of tranches.
import { db } from "../../lib/db";
import { confirmDecision, recommendDecision } from "../../lib/decisions/commands";
import { saveSchedule } from "../../lib/grants/schedule";
import { makeStaff } from "./index";
import { staffWorld } from "./staff-world";
import { readyPayee } from "./payee";

export async function grantWorld(opts: { protectedOrg?: boolean; amount?: string; tranches?: string[]; currency?: string; conditions?: Array<"NONE" | "INTERIM_REPORT_ACCEPTED" | "FINAL_REPORT_ACCEPTED">; payee?: boolean } = {}) {
  const w = await staffWorld({ kind: "EMERGENCY", currency: opts.currency, protectedOrg: opts.protectedOrg });
  if (opts.currency && opts.currency !== "EUR") {
    const today = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
    await db.fxRate.createMany({ data: [{ currency: opts.currency, date: new Date(today.getTime() - 3 * 86_400_000), perEur: "25.00000000" }], skipDuplicates: true });
  }
  const amount = opts.amount ?? "60000.00";
  const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount, reasonsForApplicant: "ok" });
  const { grantId } = await confirmDecision(w.approver, d);
  const grant = await db.grant.findUniqueOrThrow({ where: { id: grantId! } });
  const tranches = opts.tranches ?? ["30000.00", "30000.00"];
  await saveSchedule(w.officer, {
    grantId: grant.id,
    version: grant.version,
    tranches: tranches.map((plannedAmount, i) => ({ plannedAmount, plannedDate: `2027-0${i + 1}-15`, condition: opts.conditions?.[i] ?? "NONE" })),
  });
  const rows = await db.tranche.findMany({ where: { grantId: grant.id }, orderBy: { sequence: "asc" } });
  // Paid grants need a verified, cooled-off payee account; `payee: false` leaves it unchosen.
  if (opts.payee ?? true) await readyPayee(grant, { memberId: w.member.id, finance: w.finance, approver: w.approver });
  return { ...w, grant: await db.grant.findUniqueOrThrow({ where: { id: grant.id } }), tranches: rows, approver2: await makeStaff(w.funder.id, "APPROVER") };
}
