// A call and an organisation with two members, plus a member of another organisation,
// for applicant-side tests.
import { actorFor, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser } from "./index";
import type { TDraftContent } from "../../lib/applications/schemas";

export async function applicantWorld(callOpts: Parameters<typeof makeCall>[1] = {}) {
  const funder = await makeFunder();
  const programme = await makeProgramme(funder.id);
  const call = await makeCall(programme.id, { cofinancingPct: "10", ...callOpts });
  const [u1, u2, u3] = [await makeUser(), await makeUser(), await makeUser()];
  const org = await makeOrganisation({ members: [{ userId: u1.id }, { userId: u2.id, role: "MEMBER" }] });
  const otherOrg = await makeOrganisation({ members: [{ userId: u3.id }] });
  return {
    funder,
    programme,
    call,
    org,
    otherOrg,
    member: await actorFor(u1.id),
    member2: await actorFor(u2.id),
    outsider: await actorFor(u3.id),
    officer: await makeStaff(funder.id, "OFFICER"),
  };
}

/** A complete draft that satisfies the factory call's rules (10% co-financing). */
export function completeDraft(overrides: Partial<TDraftContent> = {}): TDraftContent {
  return {
    title: "Legal aid for detained journalists",
    sections: {
      summary: "We defend journalists.",
      problem: "Arrests increased.",
      objectives: "Defend 30 people.",
      activities: "Months 1-12: court work.",
      results: "30 people defended.",
      risks: "Encrypted channels.",
      sustainability: "Diversified donors.",
    },
    requestedAmount: "45000.00",
    cofinancingAmount: "5000.00",
    startDate: "2027-01-01",
    durationMonths: 12,
    lines: [
      { category: "STAFF", description: "Lawyers", amount: "40000.00" },
      { category: "OVERHEADS", description: "Office", amount: "3000.00" },
      { category: "SECURITY", description: "Devices", amount: "2000.00" },
    ],
    ...overrides,
  };
}
