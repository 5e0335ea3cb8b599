// Exhaustive matrix of the application workflow: every state × transition × call kind,
// for a member of the organisation and for every staff role at the call's funder.
import { describe, expect, it } from "vitest";
import type { ApplicationStatus, CallKind, StaffRoleKind } from "@prisma/client";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import { APPLICATION_STATES, TRANSITIONS, findTransition, type TransitionName } from "@/lib/applications/workflow";

const FUNDER = "f";
const ORG = "o";
const NAMES = [...new Set(TRANSITIONS.map((t) => t.name))] as TransitionName[];

// Who may take each transition (independent of state), written out by hand.
const EXPECTED_TAKERS: Record<TransitionName, Array<StaffRoleKind | "MEMBER">> = {
  submit: ["MEMBER"],
  withdraw: ["MEMBER"],
  answerClarification: ["MEMBER"],
  requestClarification: ["OFFICER"],
  screenEligible: ["OFFICER"],
  screenIneligible: ["OFFICER"],
  startReview: ["OFFICER"],
  completeReview: ["OFFICER", "REVIEWER"],
  recommend: ["OFFICER"],
  approve: ["APPROVER"],
  reject: ["APPROVER"],
  returnRecommendation: ["APPROVER"],
};

// From which states each transition is legal, per call kind.
const EXPECTED_FROM: Record<TransitionName, Record<CallKind, ApplicationStatus[]>> = {
  submit: { REGULAR: ["DRAFT"], EMERGENCY: ["DRAFT"] },
  withdraw: {
    REGULAR: ["SUBMITTED", "CLARIFICATION_REQUESTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED", "RECOMMENDED"],
    EMERGENCY: ["SUBMITTED", "CLARIFICATION_REQUESTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED", "RECOMMENDED"],
  },
  requestClarification: { REGULAR: ["SUBMITTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED"], EMERGENCY: ["SUBMITTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED"] },
  answerClarification: { REGULAR: ["CLARIFICATION_REQUESTED"], EMERGENCY: ["CLARIFICATION_REQUESTED"] },
  screenEligible: { REGULAR: ["SUBMITTED"], EMERGENCY: ["SUBMITTED"] },
  screenIneligible: { REGULAR: ["SUBMITTED"], EMERGENCY: ["SUBMITTED"] },
  startReview: { REGULAR: ["ELIGIBLE"], EMERGENCY: [] },
  completeReview: { REGULAR: ["IN_REVIEW"], EMERGENCY: [] },
  recommend: { REGULAR: ["REVIEWED"], EMERGENCY: ["SUBMITTED", "ELIGIBLE"] },
  approve: { REGULAR: ["RECOMMENDED"], EMERGENCY: ["RECOMMENDED"] },
  reject: { REGULAR: ["RECOMMENDED"], EMERGENCY: ["RECOMMENDED"] },
  returnRecommendation: { REGULAR: ["RECOMMENDED"], EMERGENCY: ["RECOMMENDED"] },
};

function mayTake(name: TransitionName, status: ApplicationStatus, kind: CallKind, who: StaffRoleKind | "MEMBER" | "OTHER_FUNDER_OFFICER" | "STRANGER") {
  const def = findTransition(name, status, kind);
  if (!def) return false;
  if (who === "STRANGER") return false;
  if (def.by.kind === "member") return who === "MEMBER";
  if (who === "MEMBER" || who === "OTHER_FUNDER_OFFICER") return false;
  // Mirrors canTake(): the role must grant the permission at the call's funder.
  return EXPECTED_TAKERS[name].includes(who);
}

describe("application workflow table", () => {
  it("defines each transition's legal states exactly", () => {
    for (const name of NAMES) {
      for (const kind of ["REGULAR", "EMERGENCY"] as const) {
        const legal = APPLICATION_STATES.filter((s) => findTransition(name, s, kind) !== null);
        expect({ name, kind, legal }).toEqual({ name, kind, legal: EXPECTED_FROM[name][kind] });
      }
    }
  });

  it("gives each transition to exactly the expected takers", async () => {
    const { canTake } = await import("@/lib/applications/transition-policy");
    let cases = 0;
    for (const name of NAMES) {
      for (const kind of ["REGULAR", "EMERGENCY"] as const) {
        for (const status of APPLICATION_STATES) {
          const who = [...STAFF_ROLES, "MEMBER", "OTHER_FUNDER_OFFICER", "STRANGER"] as const;
          for (const w of who) {
            const actor = {
              staffRoles:
                w === "OTHER_FUNDER_OFFICER" ? [{ funderId: "other", role: "OFFICER" as const }]
                : w === "MEMBER" || w === "STRANGER" ? []
                : [{ funderId: FUNDER, role: w }],
              memberships: w === "MEMBER" ? [{ organisationId: ORG }] : [],
            };
            const allowed = canTake(actor, name, {
              application: { status, organisationId: ORG },
              callKind: kind,
              funderId: FUNDER,
            });
            expect({ name, kind, status, w, allowed }).toEqual({ name, kind, status, w, allowed: mayTake(name, status, kind, w) });
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(NAMES.length * 2 * APPLICATION_STATES.length * 9);
  });

  it("lets no transition leave a final state", () => {
    for (const final of ["APPROVED", "REJECTED", "WITHDRAWN", "INELIGIBLE"] as const) {
      for (const name of NAMES) {
        expect(findTransition(name, final, "REGULAR")).toBeNull();
        expect(findTransition(name, final, "EMERGENCY")).toBeNull();
      }
    }
  });

  it("gives every transition an applicant label decision and an audit action", () => {
    for (const t of TRANSITIONS) expect(t.action).toMatch(/^application\.[a-zA-Z]+$/);
  });
});
