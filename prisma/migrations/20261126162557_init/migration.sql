-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'CLARIFICATION_REQUESTED', 'INELIGIBLE', 'ELIGIBLE', 'IN_REVIEW', 'REVIEWED', 'RECOMMENDED', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "BudgetCategory" AS ENUM ('STAFF', 'ACTIVITIES', 'EQUIPMENT', 'TRAVEL', 'SECURITY', 'OVERHEADS', 'OTHER');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('QUESTION', 'ANSWER', 'INTERNAL_NOTE');

-- CreateEnum
CREATE TYPE "CallKind" AS ENUM ('REGULAR', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "CallStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'CLOSED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "TrancheCondition" AS ENUM ('NONE', 'INTERIM_REPORT_ACCEPTED', 'FINAL_REPORT_ACCEPTED');

-- CreateEnum
CREATE TYPE "TrancheStatus" AS ENUM ('PLANNED', 'REQUESTED', 'APPROVED', 'PAID', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('COMMITMENT', 'DISBURSEMENT', 'REVERSAL');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('INTERIM', 'FINAL');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DUE', 'SUBMITTED', 'ACCEPTED', 'CHANGES_REQUESTED');

-- CreateEnum
CREATE TYPE "StaffRoleKind" AS ENUM ('OFFICER', 'REVIEWER', 'APPROVER', 'FINANCE', 'AUDITOR', 'FUNDER_ADMIN');

-- CreateEnum
CREATE TYPE "OperatingStatus" AS ENUM ('INSIDE_RUSSIA', 'EXILE', 'INTERMEDIARY');

-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('HUMAN_RIGHTS', 'INDEPENDENT_MEDIA', 'LEGAL_AID', 'EDUCATION', 'CULTURE', 'ANTI_WAR', 'ENVIRONMENT', 'WOMENS_RIGHTS', 'LGBTQ', 'UKRAINE_SUPPORT', 'OTHER');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "UsDonor" AS ENUM ('USAID', 'NED', 'STATE_DRL', 'USAGM', 'OTF', 'IRI_NDI', 'FREEDOM_HOUSE', 'OTHER');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('PENDING', 'ACCEPTED', 'CONFLICT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "Recommendation" AS ENUM ('FUND', 'FUND_WITH_CHANGES', 'DO_NOT_FUND');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('APPROVE', 'REJECT');

-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('PENDING', 'CONFIRMED', 'RETURNED');

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(24) NOT NULL,
    "callId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "sections" JSONB NOT NULL DEFAULT '{}',
    "requestedAmount" DECIMAL(14,2),
    "currency" CHAR(3) NOT NULL,
    "cofinancingAmount" DECIMAL(14,2),
    "startDate" DATE,
    "durationMonths" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "statusBeforeClarification" "ApplicationStatus",
    "leadOfficerId" UUID,
    "scoreAvg" DECIMAL(6,3),
    "scoreSpread" DECIMAL(6,3),
    "createdById" UUID NOT NULL,
    "lastEditedById" UUID,
    "lastEditedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "category" "BudgetCategory" NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "applicationId" UUID,
    "messageId" UUID,
    "reportId" UUID,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Screening" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "results" JSONB NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "reasonsForApplicant" TEXT,
    "screenedById" UUID NOT NULL,
    "screenedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Screening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "parentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "funderId" UUID,
    "organisationId" UUID,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "prevHash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Funder" (
    "id" UUID NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "orgRef" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Funder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "budget" DECIMAL(14,2) NOT NULL,
    "startsOn" DATE,
    "endsOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "reference" VARCHAR(40) NOT NULL,
    "kind" "CallKind" NOT NULL,
    "status" "CallStatus" NOT NULL DEFAULT 'DRAFT',
    "title" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "eligibilitySummary" JSONB NOT NULL,
    "languages" TEXT[],
    "opensAt" TIMESTAMPTZ(3) NOT NULL,
    "closesAt" TIMESTAMPTZ(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "envelope" DECIMAL(14,2) NOT NULL,
    "committed" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "minGrant" DECIMAL(14,2) NOT NULL,
    "maxGrant" DECIMAL(14,2) NOT NULL,
    "cofinancingPct" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "overheadLimitPct" DECIMAL(5,2) NOT NULL DEFAULT 7,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EligibilityCriterion" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "label" JSONB NOT NULL,

    CONSTRAINT "EligibilityCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoringCriterion" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "label" JSONB NOT NULL,
    "weight" DECIMAL(5,2) NOT NULL,

    CONSTRAINT "ScoringCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "number" VARCHAR(32) NOT NULL,
    "applicationId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "status" "GrantStatus" NOT NULL DEFAULT 'ACTIVE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tranche" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "plannedAmount" DECIMAL(14,2) NOT NULL,
    "plannedDate" DATE NOT NULL,
    "condition" "TrancheCondition" NOT NULL DEFAULT 'NONE',
    "status" "TrancheStatus" NOT NULL DEFAULT 'PLANNED',
    "requestedById" UUID,
    "requestedAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "paidById" UUID,
    "paidAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Tranche_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" BIGSERIAL NOT NULL,
    "grantId" UUID NOT NULL,
    "trancheId" UUID,
    "kind" "LedgerKind" NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "eurAmount" DECIMAL(14,2) NOT NULL,
    "eurRate" DECIMAL(18,8) NOT NULL,
    "valueDate" DATE NOT NULL,
    "reversesId" BIGINT,
    "idempotencyKey" TEXT,
    "bankReference" TEXT,
    "note" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FxRate" (
    "currency" CHAR(3) NOT NULL,
    "date" DATE NOT NULL,
    "perEur" DECIMAL(18,8) NOT NULL,

    CONSTRAINT "FxRate_pkey" PRIMARY KEY ("currency","date")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DUE',
    "narrative" TEXT,
    "financial" JSONB,
    "submittedById" UUID,
    "submittedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" VARCHAR(2) NOT NULL DEFAULT 'en',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Prague',
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,
    "userAgent" TEXT,
    "ip" TEXT,
    "mfaVerifiedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffRole" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "role" "StaffRoleKind" NOT NULL,
    "grantedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartedAt" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "codename" TEXT NOT NULL,
    "publicName" TEXT,
    "operatingStatus" "OperatingStatus" NOT NULL,
    "operatingCountry" CHAR(2) NOT NULL,
    "registrationCountry" CHAR(2),
    "sectors" "Sector"[],
    "foundedYear" INTEGER,
    "staffSize" INTEGER,
    "annualBudget" DECIMAL(14,2),
    "annualBudgetCurrency" CHAR(3),
    "isProtected" BOOLEAN NOT NULL DEFAULT false,
    "regionOnly" BOOLEAN NOT NULL DEFAULT false,
    "identity" BYTEA,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationKey" (
    "organisationId" UUID NOT NULL,
    "wrappedKey" BYTEA,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMPTZ(3),
    "destroyedAt" TIMESTAMPTZ(3),
    "destroyedById" UUID,
    "destroyReason" TEXT,

    CONSTRAINT "OrganisationKey_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'MEMBER',
    "tokenHash" TEXT NOT NULL,
    "invitedById" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LostFunding" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "donor" "UsDonor" NOT NULL,
    "donorOther" TEXT,
    "programmeName" TEXT NOT NULL,
    "annualAmount" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "startedOn" DATE,
    "endedOn" DATE NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LostFunding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAssignment" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "assignedById" UUID NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMPTZ(3),
    "coiDeclaredAt" TIMESTAMPTZ(3),
    "conflictNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "recommendation" "Recommendation" NOT NULL,
    "comment" TEXT NOT NULL,
    "weightedScore" DECIMAL(6,3) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewScore" (
    "reviewId" UUID NOT NULL,
    "criterionId" UUID NOT NULL,
    "score" SMALLINT NOT NULL,
    "comment" TEXT,

    CONSTRAINT "ReviewScore_pkey" PRIMARY KEY ("reviewId","criterionId")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "kind" "DecisionKind" NOT NULL,
    "amount" DECIMAL(14,2),
    "currency" CHAR(3) NOT NULL,
    "reasonsForApplicant" TEXT NOT NULL,
    "internalNotes" TEXT,
    "status" "DecisionStatus" NOT NULL DEFAULT 'PENDING',
    "recommendedById" UUID NOT NULL,
    "recommendedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" UUID,
    "confirmedAt" TIMESTAMPTZ(3),
    "returnNote" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Application_reference_key" ON "Application"("reference");

-- CreateIndex
CREATE INDEX "Application_callId_status_submittedAt_id_idx" ON "Application"("callId", "status", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Application_organisationId_idx" ON "Application"("organisationId");

-- CreateIndex
CREATE INDEX "Application_status_submittedAt_idx" ON "Application"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetLine_applicationId_position_key" ON "BudgetLine"("applicationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_applicationId_idx" ON "Attachment"("applicationId");

-- CreateIndex
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");

-- CreateIndex
CREATE INDEX "Attachment_reportId_idx" ON "Attachment"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "Screening_applicationId_key" ON "Screening"("applicationId");

-- CreateIndex
CREATE INDEX "Message_applicationId_createdAt_idx" ON "Message"("applicationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE UNIQUE INDEX "Funder_code_key" ON "Funder"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_funderId_code_key" ON "Programme"("funderId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Call_reference_key" ON "Call"("reference");

-- CreateIndex
CREATE INDEX "Call_status_closesAt_idx" ON "Call"("status", "closesAt");

-- CreateIndex
CREATE INDEX "Call_programmeId_idx" ON "Call"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "EligibilityCriterion_callId_position_key" ON "EligibilityCriterion"("callId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ScoringCriterion_callId_position_key" ON "ScoringCriterion"("callId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Grant_number_key" ON "Grant"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Grant_applicationId_key" ON "Grant"("applicationId");

-- CreateIndex
CREATE INDEX "Grant_funderId_status_idx" ON "Grant"("funderId", "status");

-- CreateIndex
CREATE INDEX "Grant_organisationId_idx" ON "Grant"("organisationId");

-- CreateIndex
CREATE INDEX "Tranche_status_idx" ON "Tranche"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Tranche_grantId_sequence_key" ON "Tranche"("grantId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_reversesId_key" ON "LedgerEntry"("reversesId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_idempotencyKey_key" ON "LedgerEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "LedgerEntry_grantId_id_idx" ON "LedgerEntry"("grantId", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_valueDate_idx" ON "LedgerEntry"("valueDate");

-- CreateIndex
CREATE INDEX "Report_grantId_idx" ON "Report"("grantId");

-- CreateIndex
CREATE INDEX "Report_status_dueDate_idx" ON "Report"("status", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "StaffRole_funderId_role_idx" ON "StaffRole"("funderId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "StaffRole_userId_funderId_role_key" ON "StaffRole"("userId", "funderId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_codename_key" ON "Organisation"("codename");

-- CreateIndex
CREATE INDEX "Organisation_operatingStatus_operatingCountry_idx" ON "Organisation"("operatingStatus", "operatingCountry");

-- CreateIndex
CREATE INDEX "Membership_organisationId_idx" ON "Membership"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organisationId_key" ON "Membership"("userId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_organisationId_idx" ON "Invitation"("organisationId");

-- CreateIndex
CREATE INDEX "LostFunding_organisationId_idx" ON "LostFunding"("organisationId");

-- CreateIndex
CREATE INDEX "ReviewAssignment_reviewerId_status_idx" ON "ReviewAssignment"("reviewerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAssignment_applicationId_reviewerId_key" ON "ReviewAssignment"("applicationId", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_assignmentId_key" ON "Review"("assignmentId");

-- CreateIndex
CREATE INDEX "Decision_applicationId_idx" ON "Decision"("applicationId");

-- CreateIndex
CREATE INDEX "Decision_status_idx" ON "Decision"("status");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EligibilityCriterion" ADD CONSTRAINT "EligibilityCriterion_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoringCriterion" ADD CONSTRAINT "ScoringCriterion_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tranche" ADD CONSTRAINT "Tranche_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_trancheId_fkey" FOREIGN KEY ("trancheId") REFERENCES "Tranche"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "LedgerEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRole" ADD CONSTRAINT "StaffRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRole" ADD CONSTRAINT "StaffRole_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationKey" ADD CONSTRAINT "OrganisationKey_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFunding" ADD CONSTRAINT "LostFunding_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "ReviewAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewScore" ADD CONSTRAINT "ReviewScore_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewScore" ADD CONSTRAINT "ReviewScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "ScoringCriterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastId" BIGINT NOT NULL DEFAULT 0,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- ---------------------------------------------------------------------------
-- Invariants Prisma cannot express: checks, partial unique indexes, triggers.
-- Kept in the database so no code path (or psql session) can break them.
-- ---------------------------------------------------------------------------

ALTER TABLE "User"
  ADD CONSTRAINT "User_email_lower" CHECK (email = lower(btrim(email))),
  ADD CONSTRAINT "User_locale_known" CHECK (locale IN ('en', 'ru', 'cs'));

ALTER TABLE "Funder" ADD CONSTRAINT "Funder_country_iso" CHECK (country ~ '^[A-Z]{2}$');

ALTER TABLE "Programme"
  ADD CONSTRAINT "Programme_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "Programme_budget_nonneg" CHECK (budget >= 0);

ALTER TABLE "Call"
  ADD CONSTRAINT "Call_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "Call_dates" CHECK ("closesAt" > "opensAt"),
  ADD CONSTRAINT "Call_envelope_positive" CHECK (envelope > 0),
  ADD CONSTRAINT "Call_committed_within_envelope" CHECK (committed >= 0 AND committed <= envelope),
  ADD CONSTRAINT "Call_grant_range" CHECK ("minGrant" > 0 AND "minGrant" <= "maxGrant" AND "maxGrant" <= envelope),
  ADD CONSTRAINT "Call_cofinancing_pct" CHECK ("cofinancingPct" >= 0 AND "cofinancingPct" < 100),
  ADD CONSTRAINT "Call_overhead_pct" CHECK ("overheadLimitPct" >= 0 AND "overheadLimitPct" <= 100),
  ADD CONSTRAINT "Call_version_positive" CHECK (version >= 1);

ALTER TABLE "ScoringCriterion" ADD CONSTRAINT "ScoringCriterion_weight_positive" CHECK (weight > 0);

ALTER TABLE "Organisation"
  ADD CONSTRAINT "Organisation_country_iso" CHECK ("operatingCountry" ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "Organisation_registration_country_iso" CHECK ("registrationCountry" IS NULL OR "registrationCountry" ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "Organisation_budget_currency" CHECK (("annualBudget" IS NULL) = ("annualBudgetCurrency" IS NULL) AND ("annualBudget" IS NULL OR "annualBudget" >= 0)),
  ADD CONSTRAINT "Organisation_founded" CHECK ("foundedYear" IS NULL OR "foundedYear" BETWEEN 1800 AND 2100),
  ADD CONSTRAINT "Organisation_staff" CHECK ("staffSize" IS NULL OR "staffSize" >= 0),
  -- A protected organisation's name exists only inside its sealed identity.
  ADD CONSTRAINT "Organisation_protected_no_clear_name" CHECK (NOT "isProtected" OR "publicName" IS NULL);

ALTER TABLE "LostFunding"
  ADD CONSTRAINT "LostFunding_amount_positive" CHECK ("annualAmount" > 0),
  ADD CONSTRAINT "LostFunding_currency_iso" CHECK (currency ~ '^[A-Z]{3}$');

ALTER TABLE "Application"
  ADD CONSTRAINT "Application_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "Application_amount_positive" CHECK ("requestedAmount" IS NULL OR "requestedAmount" > 0),
  ADD CONSTRAINT "Application_cofinancing_nonneg" CHECK ("cofinancingAmount" IS NULL OR "cofinancingAmount" >= 0),
  ADD CONSTRAINT "Application_duration" CHECK ("durationMonths" IS NULL OR "durationMonths" BETWEEN 1 AND 60),
  ADD CONSTRAINT "Application_version_positive" CHECK (version >= 1);

ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_amount_nonneg" CHECK (amount >= 0);

ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_size" CHECK ("sizeBytes" > 0 AND "sizeBytes" <= 10485760);

ALTER TABLE "ReviewScore" ADD CONSTRAINT "ReviewScore_range" CHECK (score BETWEEN 0 AND 5);

ALTER TABLE "Decision"
  -- Four eyes: whoever recommends cannot confirm.
  ADD CONSTRAINT "Decision_four_eyes" CHECK ("confirmedById" IS NULL OR "confirmedById" <> "recommendedById"),
  ADD CONSTRAINT "Decision_approve_amount" CHECK (kind <> 'APPROVE' OR amount > 0);
CREATE UNIQUE INDEX "Decision_one_pending_per_application" ON "Decision" ("applicationId") WHERE status = 'PENDING';

ALTER TABLE "Grant"
  ADD CONSTRAINT "Grant_amount_positive" CHECK (amount > 0),
  ADD CONSTRAINT "Grant_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "Grant_dates" CHECK ("endDate" >= "startDate");

ALTER TABLE "Tranche"
  ADD CONSTRAINT "Tranche_amount_positive" CHECK ("plannedAmount" > 0),
  -- Separation of duties: request, approval and payment by three different people.
  ADD CONSTRAINT "Tranche_sod_approve" CHECK ("approvedById" IS NULL OR "approvedById" <> "requestedById"),
  ADD CONSTRAINT "Tranche_sod_pay" CHECK ("paidById" IS NULL OR ("paidById" <> "requestedById" AND "paidById" <> "approvedById"));

ALTER TABLE "FxRate" ADD CONSTRAINT "FxRate_positive" CHECK ("perEur" > 0 AND currency ~ '^[A-Z]{3}$');

ALTER TABLE "LedgerEntry"
  ADD CONSTRAINT "LedgerEntry_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "LedgerEntry_rate_positive" CHECK ("eurRate" > 0),
  ADD CONSTRAINT "LedgerEntry_sign" CHECK (
    (kind IN ('COMMITMENT', 'DISBURSEMENT') AND amount > 0 AND "reversesId" IS NULL)
    OR (kind = 'REVERSAL' AND amount <> 0 AND "reversesId" IS NOT NULL)
  );

-- Append-only tables: rows are facts; corrections are new rows.
CREATE FUNCTION most_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();

-- Application references (A-2026-000042) come from one sequence.
CREATE SEQUENCE "application_reference_seq";

-- The audit chain's head starts at the genesis hash.
ALTER TABLE "AuditHead" ADD CONSTRAINT "AuditHead_single_row" CHECK (id = 1);
INSERT INTO "AuditHead" (id, "lastId", hash) VALUES (1, 0, repeat('0', 64));
