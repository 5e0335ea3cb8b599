// Who may do what: one line per server action and route handler in app/. Everyone not
// listed must be denied (unauthenticated, forbidden or not-found) and must change nothing.
// Worked out from lib/auth/permissions.ts (roles → permissions, per funder) and the lib/
// function each action calls. matrix.test.ts fails when an action or handler is missing
// here or listed here but gone; fuzz.test.ts fuzzes each action as one of its allowed actors.
import { ACTORS, type ActorKey } from "./world";

const PUBLIC = ACTORS; // anyone, signed in or not
const SIGNED_IN = ACTORS.filter((a) => a !== "ANONYMOUS");
const MEMBERS = ["APPLICANT", "APPLICANT_MEMBER"] as const; // any member of the organisation
const ORG_ADMIN = ["APPLICANT"] as const; // members with the ADMIN role
export type Allowed = readonly ActorKey[];

export const ACTION_POLICY: Record<string, Record<string, Allowed>> = {
  "app/(account)/account/actions.ts": {
    endSessionAction: ["APPLICANT"], // own sessions only (the input is the applicant's session)
  },
  "app/(account)/notifications/actions.ts": {
    openNotificationAction: ["APPLICANT"], // one's own notification only
    markAllReadAction: SIGNED_IN, // one's own notifications
    saveEmailPreferencesAction: SIGNED_IN, // one's own e-mail settings (digest: staff only)
  },
  "app/(audit)/audit/actions.ts": {
    signCheckpointsAction: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"], // audit.view at a funder, or platform audit
    verifyCheckpointsAction: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"], // audit.view: checks only the actor's streams
  },
  "app/(admin)/admin/actions.ts": {
    createUserAction: ["PLATFORM_ADMIN"], // users.manage
    grantRoleAction: ["FUNDER_ADMIN", "PLATFORM_ADMIN"], // roles.manage, or staff.manage at the funder
    revokeRoleAction: ["FUNDER_ADMIN", "PLATFORM_ADMIN"], // roles.manage, or staff.manage at the role's funder
    setUserDisabledAction: ["PLATFORM_ADMIN"], // users.manage
    importFxAction: ["PLATFORM_ADMIN"], // fx.manage
    endSessionsAction: ["PLATFORM_ADMIN"], // sessions.manage
    eraseOrganisationAction: ["PLATFORM_ADMIN"], // organisations.erase
  },
  "app/(admin)/admin/sanctions/actions.ts": {
    importSanctionsAction: ["PLATFORM_ADMIN"], // sanctions.manage
  },
  "app/(applicant)/my/applications/actions.ts": {
    startApplicationAction: MEMBERS,
    saveDraftAction: MEMBERS,
    postDraftAction: MEMBERS, // the editor's form without JavaScript: saves as saveDraftAction does
    submitApplicationAction: MEMBERS,
    withdrawApplicationAction: MEMBERS,
    uploadAttachmentAction: MEMBERS,
    removeAttachmentAction: MEMBERS,
    answerClarificationAction: MEMBERS,
  },
  "app/(applicant)/my/grants/actions.ts": {
    submitReportAction: MEMBERS,
    requestGrantPayeeAction: [...ORG_ADMIN, "FINANCE"], // an admin of the grant's organisation, or payees.verify at its funder
  },
  "app/(applicant)/my/organisations/actions.ts": {
    createOrganisationAction: SIGNED_IN, // anyone signed in may found an organisation
    updateOrganisationAction: ORG_ADMIN,
    addLostFundingAction: MEMBERS,
    removeLostFundingAction: MEMBERS,
    inviteMemberAction: ORG_ADMIN,
    addKeyPersonAction: ORG_ADMIN, // part of the sealed identity, like the profile
    removeKeyPersonAction: ORG_ADMIN,
    saveFormerNamesAction: ORG_ADMIN,
    addPayeeAccountAction: ORG_ADMIN, // as editing the identity; every member is told (content-free)
    retirePayeeAccountAction: ORG_ADMIN,
  },
  "app/(public)/invitations/[token]/actions.ts": {
    acceptInvitationAction: ["APPLICANT"], // only the invited address
  },
  "app/(public)/mfa/actions.ts": {
    beginTotpAction: SIGNED_IN, // own factors only, for everyone
    confirmTotpAction: SIGNED_IN,
    verifyCodeAction: SIGNED_IN,
    regenerateCodesAction: SIGNED_IN,
    passkeyRegistrationOptionsAction: SIGNED_IN,
    passkeyRegisterAction: SIGNED_IN,
    passkeySecondFactorOptionsAction: SIGNED_IN,
    passkeyVerifyAction: SIGNED_IN,
    passkeySignInOptionsAction: PUBLIC, // passwordless sign-in
    passkeySignInAction: PUBLIC,
    removePasskeyAction: ["APPLICANT"], // own passkeys only (the input is the applicant's)
  },
  "app/(public)/sign-in/actions.ts": {
    signInAction: PUBLIC,
  },
  "app/(public)/sign-up/actions.ts": {
    registerAction: PUBLIC, // same answer for every address
    confirmSignUpAction: PUBLIC, // whoever holds the e-mailed link's token
  },
  "app/(public)/forgot-password/actions.ts": {
    requestResetAction: PUBLIC, // same answer for every address
  },
  "app/(public)/reset-password/actions.ts": {
    resetPasswordAction: PUBLIC, // whoever holds the link's token
  },
  "app/(staff)/staff/actions.ts": {
    screenAction: ["OFFICER"], // applications.screen
    takeLeadAction: ["OFFICER"], // applications.screen, and the lead must be an officer
    revealIdentityAction: ["OFFICER", "APPROVER", "FUNDER_ADMIN"], // applications.view (unprotected organisation)
    assignReviewerAction: ["OFFICER"], // reviews.assign
    recommendAction: ["OFFICER"], // decisions.recommend
    confirmDecisionAction: ["APPROVER"], // decisions.confirm (four eyes)
    returnDecisionAction: ["APPROVER"], // decisions.confirm
    askAction: ["OFFICER"], // clarifications.ask
    noteAction: ["OFFICER", "APPROVER", "FUNDER_ADMIN"], // applications.view
    declareInterestAction: ["REVIEWER"], // the assigned reviewer only
    submitReviewAction: ["REVIEWER"], // the assigned reviewer only
    createCallAction: ["OFFICER"], // calls.manage
    updateCallAction: ["OFFICER"],
    openCallAction: ["OFFICER"],
    closeCallAction: ["OFFICER"],
  },
  "app/(staff)/staff/payees/actions.ts": {
    recordPayeeVerificationAction: ["FINANCE"], // payees.verify at a funder of one of the organisation's grants
    decidePayeeVerificationAction: ["APPROVER"], // payees.confirm (never the recorder)
    revokePayeeVerificationAction: ["FINANCE", "APPROVER"], // payees.verify or payees.confirm at the account's funder: one person stops payments
  },
  "app/(staff)/staff/batches/actions.ts": {
    prepareBatchAction: ["FINANCE"], // payments.record at the tranches' funder (neither requester nor approver)
    releaseBatchAction: ["FINANCE", "APPROVER"], // payments.record or payments.approve (never the preparer)
    cancelBatchAction: ["FINANCE"], // payments.record, before release
  },
  "app/(staff)/staff/statements/actions.ts": {
    importStatementAction: ["FINANCE"], // payments.record at the funder whose account the statement is of
    confirmLineAction: ["FINANCE"], // payments.record
    dismissLineAction: ["FINANCE"],
  },
  "app/(staff)/staff/bank-accounts/actions.ts": {
    addFunderBankAccountAction: ["FUNDER_ADMIN"], // bankAccounts.manage
    retireFunderBankAccountAction: ["FUNDER_ADMIN"],
  },
  "app/(staff)/staff/api-tokens/actions.ts": {
    createApiTokenAction: ["FUNDER_ADMIN"], // apiTokens.manage at the funder, after a fresh second factor
    revokeApiTokenAction: ["FUNDER_ADMIN"], // apiTokens.manage at the token's funder
  },
  "app/(staff)/staff/sanctions/actions.ts": {
    proposeSanctionsAction: ["OFFICER"], // sanctions.review at the match's funder
    decideSanctionsAction: ["APPROVER"], // sanctions.decide (never the proposer)
  },
  "app/(staff)/staff/grants/actions.ts": {
    decideGrantPayeeAction: ["APPROVER"], // payees.confirm at the grant's funder (never the requester)
    saveScheduleAction: ["OFFICER"], // grants.manage
    requestPaymentAction: ["OFFICER"], // payments.request
    approvePaymentAction: ["APPROVER"], // payments.approve (not the requester)
    recordPaymentAction: ["FINANCE"], // payments.record (neither requester nor approver)
    reversePaymentAction: ["FINANCE"], // payments.record
    proposeBudgetAction: ["OFFICER"], // grants.manage
    decideBudgetAction: ["APPROVER"], // budget.confirm (not the proposer)
    setGrantStatusAction: ["OFFICER"], // grants.manage
    reviewReportAction: ["OFFICER"], // reports.review
  },
  "app/actions.ts": {
    setLocaleAction: PUBLIC,
    signOutAction: PUBLIC,
  },
};

export const HANDLER_POLICY: Record<string, Record<string, Allowed | { excluded: string }>> = {
  "app/api/health/route.ts": { GET: PUBLIC },
  "app/api/v1/openapi.json/route.ts": { GET: PUBLIC }, // the document describes the API; it holds no data
  // A session opens no API route, whatever its roles: only a token does (API_TOKEN_POLICY).
  "app/api/v1/grants/route.ts": { GET: [] },
  "app/api/v1/grants/[id]/route.ts": { GET: [] },
  "app/api/v1/tranches/route.ts": { GET: [] },
  "app/api/v1/ledger/route.ts": { GET: [] },
  "app/api/files/[id]/route.ts": {
    // Members of the organisation; staff who may view the (submitted) application.
    GET: ["APPLICANT", "APPLICANT_MEMBER", "OFFICER", "APPROVER", "FUNDER_ADMIN"],
  },
  "app/api/exports/360giving/route.ts": { GET: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"] }, // exports.run, own funders' data
  "app/api/exports/iati/route.ts": { GET: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"] },
  "app/api/bank/batches/[id]/file/route.ts": { GET: ["FINANCE", "APPROVER"] }, // released batches of the funder, audited
  "app/api/exports/disbursements/route.ts": { GET: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"] },
  "app/api/exports/audit/route.ts": { GET: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"] }, // audit.view, own funders' trail
  "app/api/audit/checkpoints/route.ts": { GET: ["AUDITOR", "ALL_ROLES_OF_OTHER_FUNDER", "PLATFORM_ADMIN"] }, // audit.view, own funders' streams
  "app/api/auth/[...nextauth]/route.ts": {
    GET: { excluded: "next-auth's own endpoints (CSRF, session, callbacks): sign-in is covered through signInAction and passkeySignInAction" },
    POST: { excluded: "next-auth's own endpoints (CSRF, session, callbacks): sign-in is covered through signInAction and passkeySignInAction" },
  },
};

/**
 * Acts that need a second-factor check from the last few minutes (lib/auth/mfa/step-up.ts),
 * by case: "file#action" or "METHOD file", with " / label" for a variant. Without a fresh
 * step-up they must be refused; every other case must still work (session-states.test.ts).
 */
export const STEP_UP_CASES: ReadonlySet<string> = new Set([
  "app/(admin)/admin/actions.ts#grantRoleAction",
  "app/(staff)/staff/api-tokens/actions.ts#createApiTokenAction",
  "app/(admin)/admin/actions.ts#revokeRoleAction",
  "app/(admin)/admin/actions.ts#eraseOrganisationAction",
  "app/(public)/mfa/actions.ts#regenerateCodesAction",
  "app/(public)/mfa/actions.ts#passkeyRegistrationOptionsAction",
  "app/(public)/mfa/actions.ts#passkeyRegisterAction",
  "app/(public)/mfa/actions.ts#removePasskeyAction",
  "app/(staff)/staff/grants/actions.ts#approvePaymentAction",
  "app/(staff)/staff/sanctions/actions.ts#decideSanctionsAction",
  "app/(staff)/staff/payees/actions.ts#decidePayeeVerificationAction",
  "app/(staff)/staff/grants/actions.ts#decideGrantPayeeAction",
  "app/(staff)/staff/batches/actions.ts#prepareBatchAction",
  "app/(staff)/staff/batches/actions.ts#releaseBatchAction",
  "app/(staff)/staff/actions.ts#revealIdentityAction / protected organisation, OFFICER is the lead officer",
  "GET app/api/bank/batches/[id]/file/route.ts",
  "GET app/api/exports/360giving/route.ts / unredacted: platform admins only",
  "GET app/api/exports/iati/route.ts / unredacted: platform admins only",
  "GET app/api/exports/disbursements/route.ts / unredacted: platform admins only",
]);

/**
 * What a session may do before its second factor is passed: the second-factor step itself,
 * language and sign-out. Everything else, one's own settings, passkeys, sessions and
 * invitations included, is refused (lib/action.ts, beforeSecondFactor).
 */
export const BEFORE_SECOND_FACTOR_CASES: ReadonlySet<string> = new Set([
  "app/(public)/mfa/actions.ts#beginTotpAction",
  "app/(public)/mfa/actions.ts#confirmTotpAction",
  "app/(public)/mfa/actions.ts#verifyCodeAction",
  "app/(public)/mfa/actions.ts#passkeyRegistrationOptionsAction",
  "app/(public)/mfa/actions.ts#passkeyRegisterAction",
  "app/(public)/mfa/actions.ts#passkeySecondFactorOptionsAction",
  "app/(public)/mfa/actions.ts#passkeyVerifyAction",
]);

/**
 * API tokens by what they are: of the world's funder with one scope or both, of the other
 * funder (every scope), revoked, expired, or made by someone no longer a funder admin.
 */
export const TOKEN_KINDS = ["GRANTS_READ", "PAYMENTS_READ", "ALL_SCOPES", "OTHER_FUNDER", "REVOKED", "EXPIRED", "CREATOR_NOT_ADMIN"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * Which tokens each API route answers with data (everyone else: 401, 403 or 404, and no row of
 * the world's funder in the answer). The other funder's token gets an answer from the lists,
 * with its own data only: matrix.test.ts checks the world's grant never appears in it.
 */
export const API_TOKEN_POLICY: Record<string, Record<string, readonly TokenKind[]>> = {
  "app/api/v1/grants/route.ts": { GET: ["GRANTS_READ", "ALL_SCOPES"] }, // grants:read
  "app/api/v1/grants/[id]/route.ts": { GET: ["GRANTS_READ", "ALL_SCOPES"] }, // grants:read; another funder's grant: 404
  "app/api/v1/tranches/route.ts": { GET: ["PAYMENTS_READ", "ALL_SCOPES"] }, // payments:read
  "app/api/v1/ledger/route.ts": { GET: ["PAYMENTS_READ", "ALL_SCOPES"] }, // payments:read
};
/** Lists answer the other funder's token with its own (here: no) data, not a refusal. */
export const API_LISTS_FOR_OTHER_FUNDER: ReadonlySet<string> = new Set(["app/api/v1/grants/route.ts", "app/api/v1/tranches/route.ts", "app/api/v1/ledger/route.ts"]);
