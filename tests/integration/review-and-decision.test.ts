import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getApplicationForStaff } from "@/lib/applications/staff-view";
import { viewApplicantIdentity, assignLeadOfficer } from "@/lib/applications/identity-access";
import { recordScreening } from "@/lib/applications/screening";
import { confirmDecision, recommendDecision, returnDecision } from "@/lib/decisions/commands";
import { assignReviewer, declareInterest, submitReview } from "@/lib/reviews/commands";
import { getAssignmentForReviewer } from "@/lib/reviews/queries";
import { makeApplication, makeOrganisation, makeStaff, makeUser } from "../factories";
import { staffWorld } from "../factories/staff-world";

type World = Awaited<ReturnType<typeof staffWorld>>;

async function screenEligible(w: World) {
  const criteria = w.call.eligibilityCriteria;
  await recordScreening(w.officer, {
    applicationId: w.app.id,
    results: Object.fromEntries(criteria.map((c) => [c.id, { met: "yes" as const }])),
  });
}

async function reviewed(w: World, scores: [number, number] = [4, 3]) {
  await screenEligible(w);
  const a1 = await assignReviewer(w.officer, w.app.id, w.reviewer1.userId);
  const a2 = await assignReviewer(w.officer, w.app.id, w.reviewer2.userId);
  for (const [i, a] of [a1, a2].entries()) {
    const reviewer = i === 0 ? w.reviewer1 : w.reviewer2;
    await declareInterest(reviewer, a, false);
    await submitReview(reviewer, {
      assignmentId: a,
      scores: Object.fromEntries(w.call.scoringCriteria.map((c) => [c.id, { score: scores[i]! }])),
      recommendation: "FUND",
      comment: "Solid plan",
    });
  }
  return [a1, a2] as const;
}

describe("screening", () => {
  it("makes an application ineligible with reasons the applicant reads", async () => {
    const w = await staffWorld();
    const [c1, c2] = w.call.eligibilityCriteria;
    await expect(
      recordScreening(w.officer, { applicationId: w.app.id, results: { [c1!.id]: { met: "yes" }, [c2!.id]: { met: "no" } } }),
    ).rejects.toMatchObject({ fields: { reasonsForApplicant: "errors.screening.reasonsRequired" } });
    await recordScreening(w.officer, {
      applicationId: w.app.id,
      results: { [c1!.id]: { met: "yes" }, [c2!.id]: { met: "no", note: "no safety plan" } },
      reasonsForApplicant: "A safety plan is required.",
    });
    const app = await db.application.findUniqueOrThrow({ where: { id: w.app.id }, include: { screening: true } });
    expect(app.status).toBe("INELIGIBLE");
    expect(app.screening?.reasonsForApplicant).toBe("A safety plan is required.");
  });

  it("is refused to staff of another funder and to roles without the permission", async () => {
    const w = await staffWorld();
    const other = await staffWorld();
    const results = Object.fromEntries(w.call.eligibilityCriteria.map((c) => [c.id, { met: "yes" as const }]));
    await expect(recordScreening(other.officer, { applicationId: w.app.id, results })).rejects.toMatchObject({ code: "notFound" });
    await expect(recordScreening(w.approver, { applicationId: w.app.id, results })).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("reviewers and conflicts of interest", () => {
  it("starts the review when two reviewers are assigned", async () => {
    const w = await staffWorld();
    await screenEligible(w);
    await assignReviewer(w.officer, w.app.id, w.reviewer1.userId);
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).status).toBe("ELIGIBLE");
    await assignReviewer(w.officer, w.app.id, w.reviewer2.userId);
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).status).toBe("IN_REVIEW");
  });

  it("shows nothing of the application before the declaration, and a conflict ends the assignment", async () => {
    const w = await staffWorld();
    await screenEligible(w);
    const a1 = await assignReviewer(w.officer, w.app.id, w.reviewer1.userId);
    expect((await getAssignmentForReviewer(w.reviewer1, a1, "en"))?.details).toBeNull();
    await declareInterest(w.reviewer1, a1, true, "I advised them in 2024");
    const row = await db.reviewAssignment.findUniqueOrThrow({ where: { id: a1 } });
    expect(row.status).toBe("CONFLICT");
    expect(row.conflictNote).toBe("I advised them in 2024");
    expect((await getAssignmentForReviewer(w.reviewer1, a1, "en"))?.details).toBeNull();
    await expect(submitReview(w.reviewer1, { assignmentId: a1, scores: {}, recommendation: "FUND", comment: "x" })).rejects.toMatchObject({ code: "invalidTransition" });
    expect(await db.auditEvent.count({ where: { action: "review.conflictDeclared", entityId: a1 } })).toBe(1);
    // A conflicted reviewer does not count: two more are needed to start the review.
    await assignReviewer(w.officer, w.app.id, w.reviewer2.userId);
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).status).toBe("ELIGIBLE");
  });

  it("keeps reviewers blind to each other's scores and to a protected identity", async () => {
    const w = await staffWorld({ protectedOrg: true });
    await screenEligible(w);
    const a1 = await assignReviewer(w.officer, w.app.id, w.reviewer1.userId);
    const a2 = await assignReviewer(w.officer, w.app.id, w.reviewer2.userId);
    await declareInterest(w.reviewer1, a1, false);
    await declareInterest(w.reviewer2, a2, false);
    await submitReview(w.reviewer1, { assignmentId: a1, scores: Object.fromEntries(w.call.scoringCriteria.map((c) => [c.id, { score: 5 }])), recommendation: "FUND", comment: "Excellent" });
    const view2 = await getAssignmentForReviewer(w.reviewer2, a2, "en");
    expect(view2?.details?.otherReviews).toEqual([]);
    expect(view2?.applicant.label).toBe(w.org.codename);
    const text = JSON.stringify(view2);
    expect(text).not.toContain("Hidden Lawyers Collective");
    expect(text).not.toContain("Skrytye");
    expect(view2?.details?.attachments).toBeNull();
    // After submitting, the reviewer may compare.
    await submitReview(w.reviewer2, { assignmentId: a2, scores: Object.fromEntries(w.call.scoringCriteria.map((c) => [c.id, { score: 2 }])), recommendation: "DO_NOT_FUND", comment: "Weak" });
    expect((await getAssignmentForReviewer(w.reviewer2, a2, "en"))?.details?.otherReviews).toEqual([{ weightedScore: "5.00", recommendation: "FUND" }]);
    // A reviewer can never open another reviewer's assignment.
    expect(await getAssignmentForReviewer(w.reviewer1, a2, "en")).toBeNull();
  });

  it("computes the weighted average and the spread once all reviews are in", async () => {
    const w = await staffWorld();
    await reviewed(w, [4, 2]);
    const app = await db.application.findUniqueOrThrow({ where: { id: w.app.id } });
    expect(app.status).toBe("REVIEWED");
    expect(app.scoreAvg?.toFixed(2)).toBe("3.00");
    expect(app.scoreSpread?.toFixed(2)).toBe("2.00");
  });

  it("refuses scores outside 0–5 and missing criteria", async () => {
    const w = await staffWorld();
    await screenEligible(w);
    const a1 = await assignReviewer(w.officer, w.app.id, w.reviewer1.userId);
    await assignReviewer(w.officer, w.app.id, w.reviewer2.userId);
    await declareInterest(w.reviewer1, a1, false);
    const [c1] = w.call.scoringCriteria;
    await expect(submitReview(w.reviewer1, { assignmentId: a1, scores: { [c1!.id]: { score: 4 } }, recommendation: "FUND", comment: "x" })).rejects.toMatchObject({ code: "validation" });
  });
});

describe("decisions, four eyes", () => {
  it("lets an approver confirm an approval, which creates the grant and commits the envelope", async () => {
    const w = await staffWorld();
    await reviewed(w);
    const decisionId = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "55000.00", reasonsForApplicant: "Strong proposal." });
    const { grantId } = await confirmDecision(w.approver, decisionId);
    const grant = await db.grant.findUniqueOrThrow({ where: { id: grantId! }, include: { ledgerEntries: true, budgets: { include: { lines: true } } } });
    expect(grant.amount.toFixed(2)).toBe("55000.00");
    expect(grant.number).toMatch(new RegExp(`^${w.funder.code}-\\d{4}-0001$`));
    expect(grant.ledgerEntries.map((e) => [e.kind, e.amount.toFixed(2), e.eurAmount.toFixed(2)])).toEqual([["COMMITMENT", "55000.00", "55000.00"]]);
    expect(grant.budgets[0]?.lines.map((l) => l.amount.toFixed(2))).toEqual(["60000.00"]);
    expect((await db.call.findUniqueOrThrow({ where: { id: w.call.id } })).committed.toFixed(2)).toBe("55000.00");
    const app = await db.application.findUniqueOrThrow({ where: { id: w.app.id } });
    expect(app.status).toBe("APPROVED");
  });

  it("never lets the recommending officer confirm, even holding the approver role too", async () => {
    const w = await staffWorld();
    await reviewed(w);
    const both = await makeStaff(w.funder.id, "OFFICER", "APPROVER");
    const decisionId = await recommendDecision(both, { applicationId: w.app.id, kind: "REJECT", reasonsForApplicant: "Out of scope." });
    await expect(confirmDecision(both, decisionId)).rejects.toMatchObject({ code: "fourEyes" });
    await expect(returnDecision(both, decisionId, "x")).rejects.toMatchObject({ code: "fourEyes" });
    // The database refuses it too.
    await expect(db.decision.update({ where: { id: decisionId }, data: { confirmedById: both.userId, status: "CONFIRMED" } })).rejects.toThrow(/Decision_four_eyes/);
    await confirmDecision(w.approver, decisionId);
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).status).toBe("REJECTED");
  });

  it("confirms once when five approvers press at the same moment; the others hear it is already done", async () => {
    const w = await staffWorld();
    await reviewed(w);
    const decisionId = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "50000.00", reasonsForApplicant: "ok" });
    const approvers = await Promise.all(Array.from({ length: 5 }, () => makeStaff(w.funder.id, "APPROVER")));
    const results = await Promise.allSettled(approvers.map((a) => confirmDecision(a, decisionId)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill("alreadyDone"));
    expect(await db.grant.count({ where: { applicationId: w.app.id } })).toBe(1);
    expect((await db.call.findUniqueOrThrow({ where: { id: w.call.id } })).committed.toFixed(2)).toBe("50000.00");
    // Later, one by one: the same answer, and a return of a confirmed decision too.
    await expect(confirmDecision(w.approver, decisionId)).rejects.toMatchObject({ code: "alreadyDone" });
    await expect(returnDecision(w.approver, decisionId, "x")).rejects.toMatchObject({ code: "alreadyDone" });
  });

  it("refuses an approval above the request, and returns a recommendation for rework", async () => {
    const w = await staffWorld();
    await reviewed(w);
    await expect(recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "60000.01", reasonsForApplicant: "x" })).rejects.toMatchObject({ fields: { amount: "errors.decision.aboveRequest" } });
    const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "60000.00", reasonsForApplicant: "x" });
    await returnDecision(w.approver, d, "Please reduce the travel budget.");
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).status).toBe("REVIEWED");
    expect((await db.decision.findUniqueOrThrow({ where: { id: d } })).status).toBe("RETURNED");
  });

  it("never over-commits the call's envelope, even with approvals at the same moment", async () => {
    const w = await staffWorld({ envelope: "100000.00" });
    const apps = [w.app];
    for (let i = 0; i < 3; i++) {
      const member = await makeUser();
      const org = await makeOrganisation({ members: [{ userId: member.id }] });
      apps.push(await makeApplication(w.call.id, org.id, member.id, { amount: "60000.00", status: "REVIEWED" }));
    }
    await db.application.update({ where: { id: w.app.id }, data: { status: "REVIEWED" } });
    const decisions = [];
    for (const a of apps) decisions.push(await recommendDecision(w.officer, { applicationId: a.id, kind: "APPROVE", amount: "40000.00", reasonsForApplicant: "ok" }));
    // Four approvals of 40 000 against 100 000, all at once: exactly two fit.
    const approvers = await Promise.all(decisions.map(() => makeStaff(w.funder.id, "APPROVER")));
    const results = await Promise.allSettled(decisions.map((d, i) => confirmDecision(approvers[i]!, d)));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code);
    expect(ok).toHaveLength(2);
    expect(refused).toEqual(["envelopeExceeded", "envelopeExceeded"]);
    const call = await db.call.findUniqueOrThrow({ where: { id: w.call.id } });
    expect(call.committed.toFixed(2)).toBe("80000.00");
    const grants = await db.grant.aggregate({ where: { callId: w.call.id }, _sum: { amount: true }, _count: true });
    expect(grants._count).toBe(2);
    expect(grants._sum.amount?.toFixed(2)).toBe("80000.00");
  });

  it("runs the emergency track without external review", async () => {
    const w = await staffWorld({ kind: "EMERGENCY" });
    await expect(assignReviewer(w.officer, w.app.id, w.reviewer1.userId)).rejects.toMatchObject({ code: "invalidTransition" });
    const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "30000.00", reasonsForApplicant: "Urgent relocation." });
    await confirmDecision(w.approver, d);
    const view = await getApplicationForStaff(w.officer, w.app.id, "en");
    expect(view?.status).toBe("APPROVED");
    expect(view?.emergency?.targetHours).toBe(72);
  });
});

describe("identity on staff pages", () => {
  it("shows a protected identity only to the lead officer, and records each viewing", async () => {
    const w = await staffWorld({ protectedOrg: true });
    expect(await viewApplicantIdentity(w.officer, w.app.id)).toEqual({ visible: false, reason: "protected" });
    await assignLeadOfficer(w.officer, w.app.id, w.officer.userId);
    const view = await viewApplicantIdentity(w.officer, w.app.id);
    expect(view).toMatchObject({ visible: true, audited: true, identity: { legalName: "OOO Skrytye Yuristy" } });
    expect(await viewApplicantIdentity(w.officer2, w.app.id)).toEqual({ visible: false, reason: "protected" });
    expect(await db.auditEvent.count({ where: { action: "identity.viewed", organisationId: w.org.id } })).toBe(1);
    const staffView = await getApplicationForStaff(w.officer2, w.app.id, "en");
    expect(staffView?.organisation.label).toBe(w.org.codename);
    expect(staffView?.attachments).toBeNull();
  });
});
