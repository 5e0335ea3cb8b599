// The audit trail's vocabulary: every action, entity type and actor role the writer accepts.
// The trail stores these codes; people read them through the catalogues (audit.event.*,
// audit.entity.*, roles.*), which tests/unit/i18n-codes.test.ts keeps complete.
export const AUDIT_ACTIONS = [
  "application.created", "application.draftSaved", "application.submitted", "application.withdrawn",
  "application.clarificationRequested", "application.clarificationAdded", "application.clarificationAnswered",
  "application.screenedEligible", "application.screenedIneligible", "application.reviewStarted", "application.reviewCompleted",
  "application.recommended", "application.recommendationReturned", "application.approved", "application.rejected",
  "application.leadOfficerAssigned", "application.internalNoteAdded",
  "attachment.added", "attachment.removed", "attachment.downloaded", "identity.viewed",
  "review.assigned", "review.conflictDeclared", "review.noConflictDeclared", "review.submitted",
  "call.created", "call.updated", "call.opened", "call.closed",
  "grant.scheduleSaved", "grant.statusChanged", "grant.budgetProposed", "grant.budgetConfirmed", "grant.budgetRejected",
  "payment.requested", "payment.approved", "payment.recorded", "payment.reversed", "commitment.recorded", "commitment.reversed",
  "report.submitted", "report.accepted", "report.changesRequested",
  "organisation.created", "organisation.updated", "organisation.erased", "organisation.keyRenewed", "organisation.memberInvited", "organisation.memberJoined",
  "lostFunding.added", "lostFunding.removed",
  "sanctions.listImported", "sanctions.screened", "sanctions.matchFound", "sanctions.clearProposed", "sanctions.matchProposed",
  "sanctions.cleared", "sanctions.confirmed", "sanctions.proposalReturned", "sanctions.matchViewed", "sanctions.lapsed",
  "payeeAccount.added", "payeeAccount.retired", "payeeAccount.viewed",
  "payeeAccount.verificationRecorded", "payeeAccount.verificationConfirmed", "payeeAccount.verificationRejected", "payeeAccount.verificationRevoked",
  "grant.payeeRequested", "grant.payeeConfirmed", "grant.payeeRejected",
  "paymentBatch.prepared", "paymentBatch.released", "paymentBatch.cancelled", "paymentBatch.downloaded",
  "bankStatement.imported", "bankStatement.lineConfirmed", "bankStatement.lineDismissed", "payment.returned",
  "funderBankAccount.added", "funderBankAccount.retired",
  "apiToken.created", "apiToken.revoked", "api.called",
  "export.created", "export.unredacted", "fx.imported", "keys.rotated", "demo.seeded",
  "user.created", "user.registered", "user.enabled", "user.disabled", "user.locale.changed", "user.emailPreferences.changed",
  "user.signUp.requested", "user.signUp.knownAddress", "user.signUp.wrongPassword", "user.signUp.purged",
  "role.granted", "role.revoked",
  "auth.signIn.succeeded", "auth.signIn.failed", "auth.signIn.throttled", "auth.signIn.locked", "auth.signedOut",
  "auth.mfa.enrolled", "auth.mfa.succeeded", "auth.mfa.failed", "auth.mfa.locked", "auth.mfa.recoveryRegenerated",
  "auth.passkey.registered", "auth.passkey.removed", "auth.session.ended", "auth.sessions.endedByAdmin",
  "auth.passwordReset.requested", "auth.passwordReset.completed", "auth.passwordReset.throttled", "auth.passwordReset.unknownAddress",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  "ApiToken", "Application", "Attachment", "Call", "Export", "FunderBankAccount", "FxRate", "Grant", "GrantBudget", "Instance", "Invitation", "LedgerEntry",
  "BankStatement", "BankStatementLine", "GrantPayeeChange", "LostFunding", "Membership", "Organisation", "PayeeAccount", "PayeeVerification", "PaymentBatch", "Report", "Review", "ReviewAssignment", "SanctionsListVersion", "SanctionsMatch", "SignUpRequest", "StaffRole", "Tranche", "User",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Roles an event is recorded under: the staff roles, plus the platform administrator and applicants. */
export const AUDIT_ROLES = ["OFFICER", "REVIEWER", "APPROVER", "FINANCE", "AUDITOR", "FUNDER_ADMIN", "ADMIN", "APPLICANT", "API_TOKEN"] as const;

/** What an export covers (the audit event's entity id), shown on the auditor's page. */
export const EXPORT_KINDS = ["disbursements", "audit-trail", "iati", "360giving"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const isOneOf = <T extends string>(list: readonly T[]) => (value: unknown): value is T => typeof value === "string" && (list as readonly string[]).includes(value);
export const isAuditAction = isOneOf(AUDIT_ACTIONS);
export const isAuditEntityType = isOneOf(AUDIT_ENTITY_TYPES);
export const isAuditRole = isOneOf(AUDIT_ROLES);
export const isExportKind = isOneOf(EXPORT_KINDS);
