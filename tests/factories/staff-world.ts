// A funder's staff (officer, two reviewers, approver) and a submitted application.
import { db } from "../../lib/db";
import { makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser } from "./index";

export async function staffWorld(opts: { kind?: "REGULAR" | "EMERGENCY"; envelope?: string; protectedOrg?: boolean; currency?: string } = {}) {
  const funder = await makeFunder();
  const programme = await makeProgramme(funder.id, opts.currency ?? "EUR", "5000000.00");
  const call = await makeCall(programme.id, { kind: opts.kind, envelope: opts.envelope ?? "500000.00", currency: opts.currency ?? "EUR", maxGrant: "100000.00" });
  const member = await makeUser();
  const org = await makeOrganisation({ protected: opts.protectedOrg, name: "Hidden Lawyers Collective", legalName: "OOO Skrytye Yuristy", members: [{ userId: member.id }] });
  const app = await makeApplication(call.id, org.id, member.id, { amount: "60000.00", currency: opts.currency ?? "EUR" });
  await db.budgetLine.create({ data: { applicationId: app.id, position: 0, category: "STAFF", description: "Lawyers", amount: "60000.00" } });
  return {
    funder,
    programme,
    call,
    org,
    app,
    member,
    officer: await makeStaff(funder.id, "OFFICER"),
    officer2: await makeStaff(funder.id, "OFFICER"),
    reviewer1: await makeStaff(funder.id, "REVIEWER"),
    reviewer2: await makeStaff(funder.id, "REVIEWER"),
    approver: await makeStaff(funder.id, "APPROVER"),
    finance: await makeStaff(funder.id, "FINANCE"),
  };
}
