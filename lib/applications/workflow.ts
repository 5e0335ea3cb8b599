// The application workflow as data: every state, and every transition with who may take
// it, from where, to where, and how staff and applicants read it. One transition()
// (transition.ts) applies it. Pure, so the whole table is tested exhaustively.
import type { ApplicationStatus, CallKind } from "@prisma/client";
import type { FunderPermission } from "../auth/permissions";
import type { AuditAction } from "../audit/events";

export const APPLICATION_STATES = [
  "DRAFT",
  "SUBMITTED",
  "CLARIFICATION_REQUESTED",
  "INELIGIBLE",
  "ELIGIBLE",
  "IN_REVIEW",
  "REVIEWED",
  "RECOMMENDED",
  "APPROVED",
  "REJECTED",
  "WITHDRAWN",
] as const satisfies readonly ApplicationStatus[];

/** Who takes a transition: a member of the applying organisation, or staff holding a permission at the call's funder. */
export type Taker = { kind: "member" } | { kind: "staff"; permission: FunderPermission };

export type TransitionName =
  | "submit"
  | "withdraw"
  | "requestClarification"
  | "answerClarification"
  | "screenEligible"
  | "screenIneligible"
  | "startReview"
  | "completeReview"
  | "recommend"
  | "approve"
  | "reject"
  | "returnRecommendation";

export type TransitionDef = {
  name: TransitionName;
  from: readonly ApplicationStatus[];
  /** Target state; `back` returns to the state saved when the clarification was asked. */
  to: ApplicationStatus | "back";
  by: Taker;
  /** Limits a transition to some call kinds (the emergency track skips external review). */
  kinds?: readonly CallKind[];
  /** Audit action and timeline key. */
  action: AuditAction;
  /** Applicants see this event in their timeline (labels: timeline.<action>). */
  visibleToApplicant: boolean;
};

const member: Taker = { kind: "member" };
const staff = (permission: FunderPermission): Taker => ({ kind: "staff", permission });

const BEFORE_DECISION = ["SUBMITTED", "CLARIFICATION_REQUESTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED", "RECOMMENDED"] as const;
const ASKABLE = ["SUBMITTED", "ELIGIBLE", "IN_REVIEW", "REVIEWED"] as const;

export const TRANSITIONS: readonly TransitionDef[] = [
  { name: "submit", from: ["DRAFT"], to: "SUBMITTED", by: member, action: "application.submitted", visibleToApplicant: true },
  { name: "withdraw", from: BEFORE_DECISION, to: "WITHDRAWN", by: member, action: "application.withdrawn", visibleToApplicant: true },
  { name: "requestClarification", from: ASKABLE, to: "CLARIFICATION_REQUESTED", by: staff("clarifications.ask"), action: "application.clarificationRequested", visibleToApplicant: true },
  { name: "answerClarification", from: ["CLARIFICATION_REQUESTED"], to: "back", by: member, action: "application.clarificationAnswered", visibleToApplicant: true },
  { name: "screenEligible", from: ["SUBMITTED"], to: "ELIGIBLE", by: staff("applications.screen"), action: "application.screenedEligible", visibleToApplicant: true },
  { name: "screenIneligible", from: ["SUBMITTED"], to: "INELIGIBLE", by: staff("applications.screen"), action: "application.screenedIneligible", visibleToApplicant: true },
  { name: "startReview", from: ["ELIGIBLE"], to: "IN_REVIEW", by: staff("reviews.assign"), kinds: ["REGULAR"], action: "application.reviewStarted", visibleToApplicant: false },
  { name: "completeReview", from: ["IN_REVIEW"], to: "REVIEWED", by: staff("reviews.perform"), kinds: ["REGULAR"], action: "application.reviewCompleted", visibleToApplicant: false },
  { name: "recommend", from: ["REVIEWED"], to: "RECOMMENDED", by: staff("decisions.recommend"), kinds: ["REGULAR"], action: "application.recommended", visibleToApplicant: false },
  { name: "recommend", from: ["SUBMITTED", "ELIGIBLE"], to: "RECOMMENDED", by: staff("decisions.recommend"), kinds: ["EMERGENCY"], action: "application.recommended", visibleToApplicant: false },
  { name: "approve", from: ["RECOMMENDED"], to: "APPROVED", by: staff("decisions.confirm"), action: "application.approved", visibleToApplicant: true },
  { name: "reject", from: ["RECOMMENDED"], to: "REJECTED", by: staff("decisions.confirm"), action: "application.rejected", visibleToApplicant: true },
  { name: "returnRecommendation", from: ["RECOMMENDED"], to: "REVIEWED", by: staff("decisions.confirm"), kinds: ["REGULAR"], action: "application.recommendationReturned", visibleToApplicant: false },
  { name: "returnRecommendation", from: ["RECOMMENDED"], to: "ELIGIBLE", by: staff("decisions.confirm"), kinds: ["EMERGENCY"], action: "application.recommendationReturned", visibleToApplicant: false },
];

/** The definition that applies, or null when the transition is not allowed from this state for this call kind. */
export function findTransition(name: TransitionName, from: ApplicationStatus, kind: CallKind): TransitionDef | null {
  return TRANSITIONS.find((t) => t.name === name && t.from.includes(from) && (!t.kinds || t.kinds.includes(kind))) ?? null;
}

export const APPLICANT_TIMELINE_ACTIONS = new Set([
  "application.created",
  ...TRANSITIONS.filter((t) => t.visibleToApplicant).map((t) => t.action),
]);

/** States in which the applicant may still change the application's content. */
export const EDITABLE_STATES: readonly ApplicationStatus[] = ["DRAFT"];
