// How to call each server action and route handler so that an allowed actor succeeds:
// the objects it needs (built fresh) and the input it sends, with real ids. The matrix
// sends the same input as every actor; the fuzzing starts from it and breaks it.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { sealWithMaster } from "@/lib/crypto/envelope";
import { emailIndex } from "@/lib/users/blind-index";
import type { FormState } from "@/lib/form-state";
import { acceptUpload, createAttachment } from "@/lib/applications/attachments";
import { answerClarification } from "@/lib/applications/clarifications";
import { beginTotpEnrolment, regenerateRecoveryCodes } from "@/lib/auth/mfa/factors";
import { passkeyAuthenticationOptions, passkeyRegistrationOptions } from "@/lib/auth/mfa/passkeys";
import { currentTotp } from "@/lib/auth/mfa/totp";
import { createSession } from "@/lib/auth/sessions";
import { createApiToken } from "@/lib/api/tokens";
import { submitReport } from "@/lib/reports/commands";
import { writeAudit } from "@/lib/audit/write";
import { signCheckpoints } from "@/lib/audit/checkpoints";
import { serialiseCheckpoints } from "@/lib/audit/checkpoint";
import { toCheckpoint } from "@/lib/audit/checkpoint-anchors";
import { makeOrganisation, passwordHash, TEST_PASSWORD, uid } from "../../factories";
import { SoftAuthenticator } from "../../factories/soft-authenticator";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import {
  actorOf,
  application,
  bystander,
  completeDraftApplication,
  draftCall,
  draftWithAttachment,
  grant,
  grantPayeeRequest,
  idempotencyKey,
  payeeAccount,
  payeeToVerify,
  payableTranche,
  paymentBatch,
  bankStatement,
  debtorAccount,
  keyPerson,
  sanctionsMatch,
  invitationFor,
  lostFunding,
  openCall,
  openQuestion,
  passkeyOf,
  pdfFile,
  pendingDecision,
  proposedBudget,
  reviewAssignment,
  sideOf,
  staffRoleOfBystander,
  submittedReport,
  today,
  type ActorKey,
  type Side,
  type World,
} from "./world";
import { completeDraft } from "../../factories/applicant-world";
import { randomIban } from "../../factories/payee";
import { fsfXml, LISTED } from "../../support/sanctions-files";

export type FieldValue = string | File | Array<string | File>;
export type Fields = Record<string, FieldValue>;

/** What an action receives: a form (as `(prevState, formData)` or `(formData)`), a plain object, or nothing but the previous state. */
export type Input = { kind: "form"; fields: Fields } | { kind: "object"; value: Record<string, unknown> } | { kind: "none" };

export const IDLE: FormState = { status: "idle" };
const inDaysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const form = (fields: Fields): Input => ({ kind: "form", fields });
const object = (value: Record<string, unknown>): Input => ({ kind: "object", value });
const none: Input = { kind: "none" };

/** The application editor's fields as its form posts them without JavaScript (Save pressed). */
function draftFormFields(applicationId: string, version: number): Fields {
  const d = completeDraft();
  return {
    applicationId,
    version: String(version),
    intent: "save",
    title: d.title,
    ...Object.fromEntries(Object.entries(d.sections).map(([k, v]) => [`sections.${k}`, v ?? ""])),
    requestedAmount: d.requestedAmount ?? "",
    startDate: d.startDate ?? "",
    durationMonths: String(d.durationMonths ?? ""),
    ...Object.fromEntries(d.lines.flatMap((l, i) => [[`lines.${i}.category`, l.category], [`lines.${i}.description`, l.description ?? ""], [`lines.${i}.amount`, l.amount ?? ""]])),
  };
}

export type Scenario<F = unknown> = {
  /** The objects the call refers to; built again for every allowed actor. */
  fixture: (w: World, side: Side) => Promise<F>;
  /** The input an allowed actor sends (it may prepare per-actor state, e.g. a challenge). */
  input: (fx: F, w: World, actor: ActorKey) => Input | Promise<Input>;
  /** Input fields holding ids that belong to an organisation (IDOR: swapped one at a time for the world's). */
  ownedIds?: string[];
  /** Why an applicant-side action has no organisation-owned ids. */
  idorNote?: string;
  /** Fields of which the fuzzing always breaks one (surely invalid), so the call must fail. */
  corrupt?: string[];
  /** A well-formed id that does not exist is accepted (the action only acts on matching rows). */
  acceptsUnknownIds?: boolean;
  /** What a refused call may still write, by design (throttles, challenges used once, audit of failures). */
  failureWrites?: { tables: string[]; auditActions?: string[] };
  /** Run as a new session of the actor (the call ends it). */
  freshSession?: boolean;
  /** What an allowed call writes when it succeeds (at least): proves it did its work. */
  effect?: Effect | ((actor: ActorKey) => Effect);
  /** Return type when it is not a FormState. */
  returns?: "formState" | "saveResult" | "voidOrRedirect" | "passkeyOptions";
};

/**
 * The writes that show an allowed call did its work: audit events by action and tables with
 * written rows (each at least once), or "nothing" (a read or a replay: no row at all).
 */
export type Effect = { audit?: string[]; tables?: string[]; cookie?: string } | "nothing";

const scenario = <F>(s: Scenario<F>) => s as unknown as Scenario<unknown>;

export async function sessionFor(userId: string) {
  return (await createSession(userId, "applicant", { mfaVerified: true })).id;
}

// ---------------------------------------------------------------------------------------

const profile = (name = `Org ${uid()}`): Fields => ({
  displayName: name,
  legalName: `${name} e.V.`,
  operatingStatus: "EXILE",
  operatingCountry: "LV",
  sectors: ["HUMAN_RIGHTS", "LEGAL_AID"],
  contactEmail: "office@example.org",
  website: "https://example.org",
});

const callForm = (programmeId: string): Fields => ({
  programmeId,
  kind: "REGULAR",
  "title.en": "Support for exiled media",
  "title.ru": "Поддержка СМИ",
  "title.cs": "Podpora médií",
  "summary.en": "Summary",
  "summary.ru": "Описание",
  "summary.cs": "Shrnutí",
  "eligibilitySummary.en": "Who may apply",
  "eligibilitySummary.ru": "Кто может подать",
  "eligibilitySummary.cs": "Kdo může žádat",
  languages: ["en", "ru"],
  opensAt: "2030-01-10T09:00",
  closesAt: "2030-03-10T17:00",
  envelope: "150000.00",
  minGrant: "5000.00",
  maxGrant: "50000.00",
  cofinancingPct: "0",
  overheadLimitPct: "7",
  "eligibility.en": ["Registered NGO"],
  "eligibility.ru": ["НКО"],
  "eligibility.cs": ["Registrovaná NNO"],
  "scoring.en": ["Relevance", "Capacity"],
  "scoring.ru": ["Актуальность", "Потенциал"],
  "scoring.cs": ["Relevance", "Kapacita"],
  "scoring.weight": ["60", "40"],
});

const FAKE_REGISTRATION = JSON.stringify({ id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "e30", attestationObject: "oA" }, clientExtensionResults: {} });
const FAKE_ASSERTION = JSON.stringify({ id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "e30", authenticatorData: "AA", signature: "AA" }, clientExtensionResults: {} });

const signedIn = (actor: ActorKey) => actor !== "ANONYMOUS";
const noFixture = async () => null;

const fundersEvent = (w: World, funderId = w.funder.id) => db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: "authz", funderId }));

/** The checkpoint file an auditor of the world's funder keeps. */
async function heldCheckpointFile(w: World) {
  await fundersEvent(w);
  await signCheckpoints();
  const rows = await db.auditCheckpoint.findMany({ where: { stream: w.funder.id } });
  const text = serialiseCheckpoints(rows.map(toCheckpoint));
  return new File([text], "checkpoints.json", { type: "application/json" });
}

// ---------------------------------------------------------------------------------------
// Server actions, by file and export.

export const ACTION_SCENARIOS: Record<string, Record<string, Scenario>> = {
  "app/(account)/account/actions.ts": {
    endSessionAction: scenario({ effect: { audit: ["auth.session.ended"], tables: ["Session"] },
      fixture: async (w) => (await sessionFor(w.users.APPLICANT.id)).slice(0, 12),
      input: (handle) => form({ handle }),
      idorNote: "a session belongs to a person: every other actor sends the applicant's session handle",
      corrupt: ["handle"],
    }),
  },

  "app/(account)/notifications/actions.ts": {
    openNotificationAction: scenario({ effect: { tables: ["Notification"] },
      fixture: async (w) => (await db.notification.create({ data: { userId: w.users.APPLICANT.id, kind: "APPLICATION_STATUS_CHANGED", link: "/my", params: {} } })).id,
      input: (notificationId) => form({ notificationId }),
      idorNote: "a notification belongs to one person: every other actor sends the applicant's notification id",
      corrupt: ["notificationId"],
      returns: "voidOrRedirect",
    }),
    markAllReadAction: scenario({
      effect: { tables: ["Notification"] },
      fixture: noFixture,
      // Something to mark: an unread notification of the caller's own.
      input: async (_fx, w, actor) => {
        if (signedIn(actor)) await db.notification.create({ data: { userId: w.users[actor as Exclude<ActorKey, "ANONYMOUS">].id, kind: "APPLICATION_STATUS_CHANGED", link: "/my", params: {} } });
        return form({ scope: "all" });
      }, corrupt: ["scope"], returns: "voidOrRedirect" }),
    saveEmailPreferencesAction: scenario({ effect: { audit: ["user.emailPreferences.changed"], tables: ["User"] }, fixture: noFixture, input: () => form({ mode: "each", emailLocale: "ru" }), corrupt: ["mode", "emailLocale"] }),
  },

  "app/(audit)/audit/actions.ts": {
    // Something new in the world's funder's stream, so that there is a head to sign.
    // Each signs only the streams it may see: something new in the actor's own funder's stream.
    signCheckpointsAction: scenario({
      effect: { tables: ["AuditCheckpoint"] },
      fixture: noFixture,
      input: async (_fx, w, actor) => {
        await fundersEvent(w, actor === "ALL_ROLES_OF_OTHER_FUNDER" ? w.otherFunder.id : w.funder.id);
        return form({ scope: "now" });
      },
      corrupt: ["scope"],
    }),
    verifyCheckpointsAction: scenario({ effect: "nothing", fixture: heldCheckpointFile, input: (file) => form({ file }), corrupt: ["file"] }),
  },
  "app/(admin)/admin/actions.ts": {
    createUserAction: scenario({ effect: { audit: ["user.created"], tables: ["User"] },
      fixture: noFixture,
      input: () => form({ email: `new-${uid()}@test.most`, name: "New Colleague", password: TEST_PASSWORD, locale: "en" }),
      corrupt: ["email", "password", "locale"],
    }),
    grantRoleAction: scenario({ effect: { audit: ["role.granted"], tables: ["StaffRole"] },
      fixture: () => bystander(),
      input: (u, w) => form({ userId: u.id, funderId: w.funder.id, role: "REVIEWER" }),
      corrupt: ["userId", "funderId", "role"],
    }),
    revokeRoleAction: scenario({ effect: { audit: ["role.revoked"], tables: ["StaffRole"] }, fixture: (w) => staffRoleOfBystander(w), input: (r) => form({ roleId: r.id }), corrupt: ["roleId"] }),
    setUserDisabledAction: scenario({ effect: { audit: ["user.disabled"], tables: ["User", "Session"] }, fixture: () => bystander(), input: (u) => form({ userId: u.id, disabled: "true" }), corrupt: ["userId", "disabled"] }),
    importFxAction: scenario({ effect: { audit: ["fx.imported"], tables: ["FxRate"] },
      fixture: noFixture,
      input: () => form({ file: new File(["Date,XTS,XTR\n2026-01-05,1.2345,N/A\n"], "eurofxref.csv", { type: "text/csv" }) }),
      corrupt: ["file"],
    }),
    endSessionsAction: scenario({ effect: { audit: ["auth.sessions.endedByAdmin"], tables: ["Session"] },
      fixture: () => bystander(),
      input: (u) => form({ userId: u.id }),
      corrupt: ["userId"],
      // endAllSessionsOf() audits "sessions ended" for any well-formed id, existing or not.
      acceptsUnknownIds: true,
    }),
    eraseOrganisationAction: scenario({ effect: { audit: ["organisation.erased"], tables: ["Organisation", "OrganisationKey"] },
      fixture: () => makeOrganisation({ protected: true }),
      input: (org) => form({ organisationId: org.id, reason: "Staff in danger after a raid", confirm: "ERASE" }),
      corrupt: ["organisationId", "confirm", "reason"],
    }),
  },

  "app/(admin)/admin/sanctions/actions.ts": {
    importSanctionsAction: scenario({ effect: { audit: ["sanctions.listImported"], tables: ["SanctionsListVersion", "SanctionsEntry", "SanctionsName"] },
      fixture: noFixture,
      // A new file each time (a file equal to the version in force imports nothing).
      input: () => form({ source: "eu-fsf", files: [new File([fsfXml([{ ...LISTED.company, names: [{ whole: `Company ${uid()}` }] }])], "eu.xml", { type: "text/xml" })] }),
      corrupt: ["source", "files"],
    }),
  },

  "app/(applicant)/my/applications/actions.ts": {
    startApplicationAction: scenario({ effect: { audit: ["application.created"], tables: ["Application"] },
      fixture: async (w, side) => ({ call: await openCall(w), org: sideOf(w, side).org }),
      input: (fx) => form({ callId: fx.call.id, organisationId: fx.org.id }),
      ownedIds: ["organisationId"], // a call is public: any open call may be named
      corrupt: ["organisationId", "callId"],
    }),
    saveDraftAction: scenario({ effect: { audit: ["application.draftSaved"], tables: ["Application", "BudgetLine"] },
      fixture: (w, side) => application(w, { side, status: "DRAFT" }),
      input: (app) => object({ applicationId: app.id, version: app.version, content: completeDraft() }),
      ownedIds: ["applicationId"],
      corrupt: ["applicationId"],
      returns: "saveResult",
    }),
    postDraftAction: scenario({ effect: { audit: ["application.draftSaved"], tables: ["Application", "BudgetLine"] },
      fixture: (w, side) => application(w, { side, status: "DRAFT" }),
      input: (app) => form(draftFormFields(app.id, app.version)),
      ownedIds: ["applicationId"],
      corrupt: ["applicationId", "version"],
    }),
    submitApplicationAction: scenario({ effect: { audit: ["application.submitted"], tables: ["Application"] },
      fixture: (w, side) => completeDraftApplication(w, side),
      input: (fx) => object({ applicationId: fx.app.id, version: fx.version }),
      ownedIds: ["applicationId"],
      corrupt: ["applicationId"],
    }),
    withdrawApplicationAction: scenario({ effect: { audit: ["application.withdrawn"], tables: ["Application"] },
      fixture: (w, side) => application(w, { side }),
      input: (app) => form({ applicationId: app.id, version: String(app.version) }),
      ownedIds: ["applicationId"],
      corrupt: ["applicationId"],
    }),
    uploadAttachmentAction: scenario({ effect: { audit: ["attachment.added"], tables: ["Attachment"] },
      fixture: (w, side) => application(w, { side, status: "DRAFT" }),
      input: (app) => form({ applicationId: app.id, file: pdfFile() }),
      ownedIds: ["applicationId"],
      corrupt: ["applicationId", "file"],
    }),
    removeAttachmentAction: scenario({ effect: { audit: ["attachment.removed"], tables: ["Attachment"] },
      fixture: (w, side) => draftWithAttachment(w, side),
      input: (fx) => form({ applicationId: fx.app.id, attachmentId: fx.att.id }),
      // applicationId only names the page to refresh; the attachment decides.
      ownedIds: ["attachmentId"],
      corrupt: ["attachmentId"],
    }),
    answerClarificationAction: scenario({ effect: { audit: ["application.clarificationAnswered", "attachment.added"], tables: ["Message", "Attachment"] },
      fixture: (w, side) => openQuestion(w, side),
      input: (fx) => form({ applicationId: fx.app.id, questionId: fx.questionId, body: "Attached.", files: [pdfFile("statutes.pdf")] }),
      ownedIds: ["applicationId", "questionId"],
      corrupt: ["applicationId", "questionId"],
    }),
  },

  "app/(applicant)/my/grants/actions.ts": {
    requestGrantPayeeAction: scenario({ effect: { audit: ["grant.payeeRequested"], tables: ["GrantPayeeChange"] },
      fixture: (w, side) => grantPayeeRequest(w, side),
      input: (g) => form({ grantId: g.grantId, accountId: g.accountId }),
      ownedIds: ["grantId", "accountId"],
      corrupt: ["grantId", "accountId"],
    }),
    submitReportAction: scenario({ effect: { audit: ["report.submitted", "attachment.added"], tables: ["Report", "Attachment"] },
      fixture: (w, side) => grant(w, { side }),
      input: (g) => form({ reportId: g.report.id, narrative: "We defended 30 people.", spent: ["59000.00"], files: [pdfFile("receipts.pdf")] }),
      ownedIds: ["reportId"],
      corrupt: ["reportId"],
    }),
  },

  "app/(applicant)/my/organisations/actions.ts": {
    addPayeeAccountAction: scenario({ effect: { audit: ["payeeAccount.added"], tables: ["PayeeAccount"] },
      fixture: async (w, side) => sideOf(w, side).org,
      input: (org) => form({ organisationId: org.id, kind: "sepa", iban: randomIban(), holderName: "Hidden Lawyers Collective" }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId", "iban"],
    }),
    retirePayeeAccountAction: scenario({ effect: { audit: ["payeeAccount.retired"], tables: ["PayeeAccount"] },
      fixture: (w, side) => payeeAccount(w, side),
      input: (a) => form({ accountId: a.id }),
      ownedIds: ["accountId"],
      corrupt: ["accountId"],
    }),
    createOrganisationAction: scenario({ effect: { audit: ["organisation.created"], tables: ["Organisation", "Membership", "OrganisationKey"] }, fixture: noFixture, input: () => form(profile()), corrupt: ["displayName", "operatingStatus", "sectors"] }),
    updateOrganisationAction: scenario({ effect: { audit: ["organisation.updated"], tables: ["Organisation"] },
      fixture: async (w, side) => {
        const s = sideOf(w, side);
        const members: Array<{ userId: string; role: "ADMIN" | "MEMBER" }> = [{ userId: s.admin.id, role: "ADMIN" }];
        if (side === "world") members.push({ userId: w.users.APPLICANT_MEMBER.id, role: "MEMBER" });
        return makeOrganisation({ members });
      },
      input: (org) => form({ ...profile("Renamed"), organisationId: org.id, version: String(org.version) }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId"],
    }),
    addLostFundingAction: scenario({ effect: { audit: ["lostFunding.added"], tables: ["LostFunding"] },
      fixture: async (w, side) => sideOf(w, side).org,
      input: (org) => form({ organisationId: org.id, donor: "NED", programmeName: "Independent media", annualAmount: "85 000", currency: "USD", startedOn: "2019-01-01", endedOn: "2025-03-01", purpose: "Salaries" }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId"],
    }),
    removeLostFundingAction: scenario({ effect: { audit: ["lostFunding.removed"], tables: ["LostFunding"] },
      fixture: (w, side) => lostFunding(w, side),
      input: (lf) => form({ organisationId: lf.organisationId, lostFundingId: lf.id }),
      ownedIds: ["organisationId", "lostFundingId"],
      corrupt: ["organisationId", "lostFundingId"],
    }),
    inviteMemberAction: scenario({ effect: { audit: ["organisation.memberInvited"], tables: ["Invitation"] },
      fixture: async (w, side) => sideOf(w, side).org,
      input: (org) => form({ organisationId: org.id, email: `colleague-${uid()}@example.org`, role: "MEMBER" }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId", "email"],
    }),
    addKeyPersonAction: scenario({ effect: { audit: ["organisation.updated"], tables: ["Organisation"] },
      fixture: async (w, side) => sideOf(w, side).org,
      input: (org) => form({ organisationId: org.id, role: "SIGNATORY", name: "Смирнова Ольга Петровна", latinName: "SMIRNOVA OLGA", birthDate: "1984-03-02", nationality: "RU" }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId", "role"],
    }),
    removeKeyPersonAction: scenario({ effect: { audit: ["organisation.updated"], tables: ["Organisation"] },
      fixture: (w, side) => keyPerson(w, side),
      input: (kp) => form({ organisationId: kp.organisationId, personId: kp.personId }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId", "personId"],
    }),
    saveFormerNamesAction: scenario({ effect: { audit: ["organisation.updated"], tables: ["Organisation"] },
      fixture: async (w, side) => sideOf(w, side).org,
      input: (org) => form({ organisationId: org.id, formerNames: "Free Media Club\nSvobodnoe slovo" }),
      ownedIds: ["organisationId"],
      corrupt: ["organisationId"],
    }),
  },

  "app/(public)/invitations/[token]/actions.ts": {
    acceptInvitationAction: scenario({ effect: { audit: ["organisation.memberJoined"], tables: ["Membership", "Invitation"] },
      fixture: (w) => invitationFor(w, w.users.APPLICANT.email),
      input: (inv) => form({ token: inv.token }),
      idorNote: "an invitation belongs to the invited address: everyone else sends the applicant's token",
      corrupt: ["token"],
    }),
  },

  "app/(public)/mfa/actions.ts": {
    beginTotpAction: scenario({ effect: { tables: ["TotpFactor"] }, fixture: noFixture, input: () => none }),
    confirmTotpAction: scenario({ effect: { audit: ["auth.mfa.enrolled"], tables: ["TotpFactor", "RecoveryCode", "Session"] },
      fixture: noFixture,
      input: async (_fx, w, actor) => {
        let code = "000000";
        if (signedIn(actor)) {
          const enrolment = await beginTotpEnrolment(await actorOf(w, actor as Exclude<ActorKey, "ANONYMOUS">)).catch(() => null);
          if (enrolment) code = currentTotp(enrolment.secret);
        }
        return form({ code });
      },
      corrupt: ["code"],
    }),
    verifyCodeAction: scenario({ effect: { audit: ["auth.mfa.succeeded"], tables: ["Session", "RecoveryCode"] },
      fixture: noFixture,
      input: async (_fx, w, actor) => {
        const code = signedIn(actor) ? (await regenerateRecoveryCodes(await actorOf(w, actor as Exclude<ActorKey, "ANONYMOUS">)))[0]! : "AAAA-BBBB-CCCC";
        return form({ code, next: "/my" });
      },
      corrupt: ["code"],
      // A wrong code is counted (throttle) and audited, by design.
      failureWrites: { tables: ["LoginThrottle", "AuditEvent", "AuditHead"], auditActions: ["auth.mfa.failed", "auth.mfa.locked"] },
    }),
    regenerateCodesAction: scenario({ effect: { audit: ["auth.mfa.recoveryRegenerated"], tables: ["RecoveryCode"] }, fixture: noFixture, input: () => none }),
    passkeyRegistrationOptionsAction: scenario({ effect: { tables: ["AuthChallenge"] }, fixture: noFixture, input: () => none, returns: "passkeyOptions" }),
    passkeyRegisterAction: scenario({ effect: { audit: ["auth.passkey.registered"], tables: ["Passkey", "Session"] },
      fixture: noFixture,
      input: async (_fx, w, actor) => {
        if (!signedIn(actor)) return object({ challengeId: randomUUID(), response: FAKE_REGISTRATION, name: "Laptop" });
        const { challengeId, options } = await passkeyRegistrationOptions(await actorOf(w, actor as Exclude<ActorKey, "ANONYMOUS">));
        return object({ challengeId, response: JSON.stringify(new SoftAuthenticator().register(options.challenge)), name: "Laptop" });
      },
      corrupt: ["challengeId"],
      // A challenge is used once, also when the response is refused.
      failureWrites: { tables: ["AuthChallenge"] },
    }),
    passkeySecondFactorOptionsAction: scenario({ effect: { tables: ["AuthChallenge"] }, fixture: noFixture, input: () => none, returns: "passkeyOptions" }),
    passkeyVerifyAction: scenario({ effect: { tables: ["Session", "Passkey"] },
      fixture: noFixture,
      input: async (_fx, w, actor) => {
        if (!signedIn(actor)) return object({ challengeId: randomUUID(), response: FAKE_ASSERTION, next: "/my" });
        // The caller's own passkey answers the caller's own challenge.
        const userId = w.users[actor as Exclude<ActorKey, "ANONYMOUS">].id;
        const key = await new SoftAuthenticator().enrolFor(userId);
        const { challengeId, options } = await passkeyAuthenticationOptions(userId);
        return object({ challengeId, response: JSON.stringify(key.assert(options.challenge)), next: "/my" });
      },
      corrupt: ["challengeId"],
      failureWrites: { tables: ["AuthChallenge"] },
    }),
    passkeySignInOptionsAction: scenario({ effect: { tables: ["AuthChallenge"] }, fixture: noFixture, input: () => none, returns: "passkeyOptions" }),
    passkeySignInAction: scenario({ effect: { audit: ["auth.signIn.succeeded"], tables: ["Session", "Passkey"] },
      // A bystander's passkey signs in, whoever sends it (passwordless sign-in is public).
      fixture: async () => new SoftAuthenticator().enrolFor((await bystander()).id),
      input: async (key) => {
        const { challengeId, options } = await passkeyAuthenticationOptions(null);
        return object({ challengeId, response: JSON.stringify(key.assert(options.challenge)), next: "/my" });
      },
      corrupt: ["challengeId"],
      // A refused sign-in is throttled per address and audited, by design.
      failureWrites: { tables: ["AuthChallenge", "LoginThrottle", "AuditEvent", "AuditHead"], auditActions: ["auth.signIn.failed"] },
    }),
    removePasskeyAction: scenario({ effect: { audit: ["auth.passkey.removed"], tables: ["Passkey"] },
      fixture: (w) => passkeyOf(w.users.APPLICANT.id),
      input: (pk) => form({ passkeyId: pk.id }),
      idorNote: "a passkey belongs to a person: every other actor sends the applicant's passkey id",
      corrupt: ["passkeyId"],
    }),
  },

  "app/(public)/sign-in/actions.ts": {
    signInAction: scenario({ effect: { audit: ["auth.signIn.succeeded"], tables: ["Session"] },
      fixture: () => bystander(),
      input: (u) => form({ email: u.email, password: TEST_PASSWORD, next: "/my" }),
      corrupt: ["email", "password"],
      failureWrites: { tables: ["LoginThrottle", "AuditEvent", "AuditHead"], auditActions: ["auth.signIn.failed", "auth.signIn.locked", "auth.signIn.throttled"] },
    }),
  },

  "app/(public)/forgot-password/actions.ts": {
    requestResetAction: scenario({ effect: { tables: ["PasswordReset"] }, fixture: () => bystander(), input: (u) => form({ email: u.email }), corrupt: ["email"] }),
  },

  "app/(public)/reset-password/actions.ts": {
    resetPasswordAction: scenario({ effect: { audit: ["auth.passwordReset.completed"], tables: ["PasswordReset", "User", "Session"] },
      // A bystander's reset: a reset ends every session of its user, the matrix actors' included.
      fixture: async () => {
        const token = randomBytes(32).toString("base64url");
        await db.passwordReset.create({ data: { userId: (await bystander()).id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) } });
        return token;
      },
      input: (token) => form({ token, password: TEST_PASSWORD }),
      corrupt: ["token", "password"],
    }),
  },

  "app/(public)/sign-up/actions.ts": {
    registerAction: scenario({ effect: { audit: ["user.signUp.requested"], tables: ["SignUpRequest"] },
      fixture: noFixture,
      input: () => form({ name: "Anna Petrova", email: `anna-${uid()}@example.org`, password: TEST_PASSWORD, locale: "ru" }),
      corrupt: ["email", "password", "name", "locale"],
      // Every sign-up attempt counts towards the per-address limit, by design.
      failureWrites: { tables: ["LoginThrottle"] },
    }),
    confirmSignUpAction: scenario({ effect: { audit: ["user.registered", "auth.signIn.succeeded"], tables: ["User", "Session"] },
      fixture: async () => {
        const token = randomBytes(32).toString("base64url");
        // As requestSignUp stores it: the address and name sealed, found by the blind index.
        const id = randomUUID();
        const email = `new-${uid()}@example.org`;
        const { sealed, masterKeyId } = sealWithMaster(Buffer.from(JSON.stringify({ email, name: "Anna Petrova" })), `signup:${id}`);
        await db.signUpRequest.create({
          data: { id, emailIndex: emailIndex(email), personal: new Uint8Array(sealed), masterKeyId, locale: "ru", passwordHash: await passwordHash(), tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) },
        });
        return token;
      },
      input: (token) => form({ token, password: TEST_PASSWORD }),
      corrupt: ["token", "password"],
      // A refused link is a refused sign-in (audited, counted per address); a wrong password
      // is also counted on the link.
      failureWrites: { tables: ["AuditEvent", "AuditHead", "LoginThrottle", "SignUpRequest"], auditActions: ["auth.signIn.failed", "user.signUp.wrongPassword"] },
    }),
  },

  "app/(staff)/staff/actions.ts": {
    screenAction: scenario({ effect: { audit: ["application.screenedEligible"], tables: ["Screening", "Application"] },
      fixture: (w) => application(w, { kind: "REGULAR" }),
      input: (app, w) => form({ applicationId: app.id, ...Object.fromEntries(w.regularCall.eligibilityCriteria.map((c) => [`results.${c.id}.met`, "yes"])) }),
      corrupt: ["applicationId"],
    }),
    takeLeadAction: scenario({ effect: { audit: ["application.leadOfficerAssigned"], tables: ["Application"] }, fixture: (w) => application(w), input: (app) => form({ applicationId: app.id }), corrupt: ["applicationId"] }),
    revealIdentityAction: scenario({ effect: "nothing", fixture: (w) => application(w), input: (app) => form({ applicationId: app.id }), corrupt: ["applicationId"] }),
    assignReviewerAction: scenario({ effect: { audit: ["review.assigned"], tables: ["ReviewAssignment"] },
      fixture: (w) => application(w, { status: "ELIGIBLE", kind: "REGULAR" }),
      input: (app, w) => form({ applicationId: app.id, reviewerId: w.helpers.reviewer.userId }),
      corrupt: ["applicationId", "reviewerId"],
    }),
    recommendAction: scenario({ effect: { audit: ["application.recommended"], tables: ["Decision", "Application"] },
      fixture: (w) => application(w, { kind: "EMERGENCY" }),
      input: (app) => form({ applicationId: app.id, kind: "APPROVE", amount: "55 000,00", reasonsForApplicant: "Strong and urgent", internalNotes: "" }),
      corrupt: ["applicationId", "kind"],
    }),
    confirmDecisionAction: scenario({ effect: { audit: ["application.approved", "commitment.recorded"], tables: ["Decision", "Grant", "LedgerEntry"] }, fixture: (w) => pendingDecision(w), input: (fx) => form({ decisionId: fx.decisionId, applicationId: fx.app.id }), corrupt: ["decisionId"] }),
    returnDecisionAction: scenario({ effect: { audit: ["application.recommendationReturned"], tables: ["Decision", "Application"] },
      fixture: (w) => pendingDecision(w),
      input: (fx) => form({ decisionId: fx.decisionId, applicationId: fx.app.id, note: "Please check the budget" }),
      corrupt: ["decisionId", "note"],
    }),
    askAction: scenario({ effect: { audit: ["application.clarificationRequested"], tables: ["Message"] }, fixture: (w) => application(w), input: (app) => form({ applicationId: app.id, body: "Please send your statutes." }), corrupt: ["applicationId", "body"] }),
    noteAction: scenario({ effect: { audit: ["application.internalNoteAdded"], tables: ["Message"] }, fixture: (w) => application(w), input: (app) => form({ applicationId: app.id, body: "Checked references." }), corrupt: ["applicationId", "body"] }),
    declareInterestAction: scenario({ effect: { audit: ["review.noConflictDeclared"], tables: ["ReviewAssignment"] }, fixture: (w) => reviewAssignment(w, "PENDING"), input: (fx) => form({ assignmentId: fx.assignmentId, conflict: "no", note: "" }), corrupt: ["assignmentId", "conflict"] }),
    submitReviewAction: scenario({ effect: { audit: ["review.submitted"], tables: ["Review", "ReviewScore"] },
      fixture: (w) => reviewAssignment(w, "ACCEPTED"),
      input: (fx) => form({
        assignmentId: fx.assignmentId,
        recommendation: "FUND",
        comment: "Convincing plan.",
        ...Object.fromEntries(fx.criteria.flatMap((c) => [[`scores.${c.id}.score`, "4"], [`scores.${c.id}.comment`, "Good"]])),
      }),
      corrupt: ["assignmentId", "recommendation", "comment"],
    }),
    createCallAction: scenario({ effect: { audit: ["call.created"], tables: ["Call", "ScoringCriterion"] }, fixture: noFixture, input: (_fx, w) => form(callForm(w.programme.id)), corrupt: ["programmeId", "kind", "opensAt"] }),
    updateCallAction: scenario({ effect: { audit: ["call.updated"], tables: ["Call"] },
      fixture: (w) => draftCall(w),
      input: (call, w) => form({ ...callForm(w.programme.id), callId: call.id, version: String(call.version) }),
      corrupt: ["callId", "version"],
    }),
    openCallAction: scenario({ effect: { audit: ["call.opened"], tables: ["Call"] }, fixture: (w) => draftCall(w, { ownProgramme: true }), input: (call) => form({ callId: call.id }), corrupt: ["callId"] }),
    closeCallAction: scenario({ effect: { audit: ["call.closed"], tables: ["Call"] }, fixture: (w) => openCall(w), input: (call) => form({ callId: call.id }), corrupt: ["callId"] }),
  },

  "app/(staff)/staff/payees/actions.ts": {
    recordPayeeVerificationAction: scenario({ effect: { audit: ["payeeAccount.verificationRecorded"], tables: ["PayeeVerification"] },
      fixture: (w) => payeeToVerify(w),
      input: (a, w) => form({ accountId: a.accountId, funderId: w.funder.id, method: "CALL_BACK", note: "Called the director back on the number from the application" }),
      corrupt: ["accountId", "method"],
    }),
    decidePayeeVerificationAction: scenario({ effect: { audit: ["payeeAccount.verificationConfirmed"], tables: ["PayeeVerification"] },
      fixture: (w) => payeeToVerify(w, { recorded: true }),
      input: (a) => form({ accountId: a.accountId, verificationId: a.verificationId!, accept: "yes" }),
      corrupt: ["verificationId", "accept"],
    }),
    revokePayeeVerificationAction: scenario({ effect: { audit: ["payeeAccount.verificationRevoked"], tables: ["PayeeVerification"] },
      fixture: (w) => payeeToVerify(w, { confirmed: true }),
      input: (a) => form({ accountId: a.accountId, verificationId: a.verificationId!, reason: "SUSPECTED_FRAUD" }),
      corrupt: ["verificationId", "reason"],
    }),
  },
  "app/(staff)/staff/batches/actions.ts": {
    prepareBatchAction: scenario({ effect: { audit: ["paymentBatch.prepared"], tables: ["PaymentBatch", "PaymentBatchItem"] },
      fixture: (w) => payableTranche(w),
      input: (p, w) => form({ funderId: w.funder.id, debtorAccountId: p.debtor.id, kind: "SEPA", requestedExecutionDate: today(), trancheIds: [p.tranche.id] }),
      corrupt: ["trancheIds", "debtorAccountId", "kind"],
    }),
    releaseBatchAction: scenario({ effect: { audit: ["paymentBatch.released"], tables: ["PaymentBatch"] },
      fixture: (w) => paymentBatch(w), input: (b) => form({ batchId: b.batchId }), corrupt: ["batchId"] }),
    cancelBatchAction: scenario({ effect: { audit: ["paymentBatch.cancelled"], tables: ["PaymentBatch", "PaymentBatchItem"] },
      fixture: (w) => paymentBatch(w), input: (b) => form({ batchId: b.batchId }), corrupt: ["batchId"] }),
  },
  "app/(staff)/staff/statements/actions.ts": {
    importStatementAction: scenario({ effect: { audit: ["bankStatement.imported", "payment.recorded"], tables: ["BankStatement", "BankStatementLine", "LedgerEntry"] },
      fixture: (w) => bankStatement(w),
      input: (s, w) => form({ funderId: w.funder.id, file: new File([s.xml], "statement.xml", { type: "text/xml" }) }),
      corrupt: ["funderId", "file"],
    }),
    confirmLineAction: scenario({ effect: { audit: ["bankStatement.lineConfirmed", "payment.recorded"], tables: ["BankStatementLine", "LedgerEntry"] },
      fixture: (w) => bankStatement(w, { unmatched: true }), input: (s) => form({ lineId: s.lineId }), corrupt: ["lineId"] }),
    dismissLineAction: scenario({ effect: { audit: ["bankStatement.lineDismissed"], tables: ["BankStatementLine"] },
      fixture: (w) => bankStatement(w, { unmatched: true }), input: (s) => form({ lineId: s.lineId }), corrupt: ["lineId"] }),
  },
  "app/(staff)/staff/bank-accounts/actions.ts": {
    addFunderBankAccountAction: scenario({ effect: { audit: ["funderBankAccount.added"], tables: ["FunderBankAccount"] },
      fixture: async () => null,
      input: (_f, w) => form({ funderId: w.funder.id, holderName: "Ministry of Foreign Affairs", iban: randomIban(), bic: "", currency: "EUR" }),
      corrupt: ["iban", "currency"],
    }),
    retireFunderBankAccountAction: scenario({ effect: { audit: ["funderBankAccount.retired"], tables: ["FunderBankAccount"] },
      fixture: (w) => debtorAccount(w, { fresh: true }), input: (a) => form({ accountId: a.id }), corrupt: ["accountId"] }),
  },
  "app/(staff)/staff/api-tokens/actions.ts": {
    createApiTokenAction: scenario({ effect: { audit: ["apiToken.created"], tables: ["ApiToken"] },
      fixture: async () => null,
      input: (_f, w) => form({ funderId: w.funder.id, name: "Finance system", "scopes": ["grants:read", "payments:read"], expiresOn: inDaysFromToday(60) }),
      corrupt: ["scopes", "expiresOn"],
    }),
    revokeApiTokenAction: scenario({ effect: { audit: ["apiToken.revoked"], tables: ["ApiToken"] },
      fixture: async (w) => createApiToken(await actorOf(w, "FUNDER_ADMIN"), { funderId: w.funder.id, name: "To revoke", scopes: ["grants:read"], expiresOn: inDaysFromToday(30) }),
      input: (t) => form({ tokenId: t.id }),
      corrupt: ["tokenId"],
    }),
  },
  "app/(staff)/staff/sanctions/actions.ts": {
    proposeSanctionsAction: scenario({ effect: { audit: ["sanctions.clearProposed"], tables: ["SanctionsMatch"] },
      fixture: (w) => sanctionsMatch(w),
      input: (m) => form({ matchId: m.id, version: String(m.version), outcome: "clear", reason: "Different date of birth" }),
      corrupt: ["matchId", "outcome"],
    }),
    decideSanctionsAction: scenario({ effect: { audit: ["sanctions.cleared"], tables: ["SanctionsMatch"] },
      fixture: (w) => sanctionsMatch(w, { proposed: true }),
      input: (m) => form({ matchId: m.id, version: String(m.version), accept: "yes" }),
      corrupt: ["matchId", "accept"],
    }),
  },

  "app/(staff)/staff/grants/actions.ts": {
    decideGrantPayeeAction: scenario({ effect: { audit: ["grant.payeeConfirmed"], tables: ["GrantPayeeChange", "Grant"] },
      fixture: (w) => grantPayeeRequest(w, "world", { requested: true }),
      input: (g) => form({ grantId: g.grantId, changeId: g.changeId!, accept: "yes" }),
      corrupt: ["changeId", "accept"],
    }),
    saveScheduleAction: scenario({ effect: { audit: ["grant.scheduleSaved"], tables: ["Tranche"] },
      fixture: (w) => grant(w),
      input: (g) => form({ grantId: g.grant.id, version: String(g.grant.version), amount: ["20000.00", "40000.00"], date: ["2027-02-01", "2027-08-01"], condition: ["NONE", "FINAL_REPORT_ACCEPTED"] }),
      corrupt: ["grantId", "version"],
    }),
    requestPaymentAction: scenario({ effect: { audit: ["payment.requested"], tables: ["Tranche"] }, fixture: (w) => grant(w), input: (g) => form({ trancheId: g.tranche.id, grantId: g.grant.id }), corrupt: ["trancheId"] }),
    approvePaymentAction: scenario({ effect: { audit: ["payment.approved"], tables: ["Tranche"] }, fixture: (w) => grant(w, { stage: "requested" }), input: (g) => form({ trancheId: g.tranche.id, grantId: g.grant.id }), corrupt: ["trancheId"] }),
    recordPaymentAction: scenario({ effect: { audit: ["payment.recorded"], tables: ["Tranche", "LedgerEntry"] },
      fixture: (w) => grant(w, { stage: "approved" }),
      input: (g) => form({ trancheId: g.tranche.id, grantId: g.grant.id, idempotencyKey: idempotencyKey(), valueDate: today(), bankReference: `SEPA-${uid()}`, paidCurrency: "", paidAmount: "" }),
      corrupt: ["trancheId", "idempotencyKey"],
    }),
    reversePaymentAction: scenario({ effect: { audit: ["payment.reversed"], tables: ["LedgerEntry"] },
      fixture: (w) => grant(w, { stage: "paid" }),
      input: (g) => form({ ledgerEntryId: g.ledgerEntryId!, grantId: g.grant.id, idempotencyKey: idempotencyKey(), reason: "Paid to the wrong account", valueDate: today() }),
      corrupt: ["ledgerEntryId", "idempotencyKey"],
    }),
    proposeBudgetAction: scenario({ effect: { audit: ["grant.budgetProposed"], tables: ["GrantBudget", "GrantBudgetLine"] },
      fixture: (w) => grant(w),
      input: (g) => form({ grantId: g.grant.id, reason: "Security costs rose", category: ["STAFF", "SECURITY"], description: ["Lawyers", "Devices"], lineAmount: ["50000.00", "10000.00"] }),
      corrupt: ["grantId", "reason"],
    }),
    decideBudgetAction: scenario({ effect: { audit: ["grant.budgetConfirmed"], tables: ["GrantBudget"] }, fixture: (w) => proposedBudget(w), input: (fx) => form({ budgetId: fx.budgetId, grantId: fx.grant.id, decision: "confirm", note: "" }), corrupt: ["budgetId", "decision"] }),
    setGrantStatusAction: scenario({ effect: { audit: ["grant.statusChanged"], tables: ["Grant"] }, fixture: (w) => grant(w), input: (g) => form({ grantId: g.grant.id, status: "SUSPENDED", reason: "Audit pending" }), corrupt: ["grantId", "status", "reason"] }),
    reviewReportAction: scenario({ effect: { audit: ["report.accepted"], tables: ["Report"] }, fixture: (w) => submittedReport(w), input: (g) => form({ reportId: g.report.id, decision: "accept", note: "" }), corrupt: ["reportId", "decision"] }),
  },

  "app/actions.ts": {
    setLocaleAction: scenario({
      effect: (actor) => (actor === "ANONYMOUS" ? { cookie: LOCALE_COOKIE } : { cookie: LOCALE_COOKIE, audit: ["user.locale.changed"], tables: ["User"] }), fixture: noFixture, input: () => form({ locale: "cs", back: "/my" }), corrupt: ["locale"], returns: "voidOrRedirect" }),
    signOutAction: scenario({
      effect: (actor) => (actor === "ANONYMOUS" ? "nothing" : { audit: ["auth.signedOut"], tables: ["Session"] }), fixture: noFixture, input: () => none, freshSession: true, returns: "voidOrRedirect" }),
  },
};

/** Further cases for some actions: same action, another situation, its own expected set. */
export const ACTION_VARIANTS: Array<{ file: string; name: string; label: string; allowed: readonly ActorKey[]; scenario: Scenario }> = [
  {
    file: "app/(staff)/staff/actions.ts",
    name: "revealIdentityAction",
    label: "protected organisation, OFFICER is the lead officer",
    allowed: ["OFFICER"],
    scenario: scenario({
      effect: { audit: ["identity.viewed"] },
      fixture: async (w) => {
        const org = await makeOrganisation({ protected: true, members: [{ userId: w.users.APPLICANT.id }] });
        const app = await application(w, { organisationId: org.id });
        return db.application.update({ where: { id: app.id }, data: { leadOfficerId: w.users.OFFICER.id } });
      },
      input: (app) => form({ applicationId: app.id }),
    }),
  },
  {
    // A retry with the idempotency key of a recorded payment returns the first receipt:
    // only to someone who may record payments at the grant's funder.
    file: "app/(staff)/staff/grants/actions.ts",
    name: "recordPaymentAction",
    label: "replay of a recorded payment's idempotency key",
    allowed: ["FINANCE"],
    scenario: scenario({
      effect: "nothing",
      fixture: async (w) => {
        const g = await grant(w, { stage: "approved" });
        const key = idempotencyKey();
        const { recordPayment } = await import("@/lib/ledger/payments");
        await recordPayment(w.helpers.finance, { trancheId: g.tranche.id, idempotencyKey: key, valueDate: today(), bankReference: "SEPA-1" });
        return { g, key };
      },
      input: (fx) => form({ trancheId: fx.g.tranche.id, grantId: fx.g.grant.id, idempotencyKey: fx.key, valueDate: today(), bankReference: "SEPA-1" }),
    }),
  },
  {
    file: "app/(staff)/staff/grants/actions.ts",
    name: "reversePaymentAction",
    label: "replay of a reversal's idempotency key",
    allowed: ["FINANCE"],
    scenario: scenario({
      effect: "nothing",
      fixture: async (w) => {
        const g = await grant(w, { stage: "paid" });
        const key = idempotencyKey();
        const { reversePayment } = await import("@/lib/ledger/payments");
        await reversePayment(w.helpers.finance, { ledgerEntryId: BigInt(g.ledgerEntryId!), idempotencyKey: key, reason: "Wrong account", valueDate: today() });
        return { g, key };
      },
      input: (fx) => form({ ledgerEntryId: fx.g.ledgerEntryId!, grantId: fx.g.grant.id, idempotencyKey: fx.key, reason: "Wrong account", valueDate: today() }),
    }),
  },
];

// ---------------------------------------------------------------------------------------
// Route handlers.

export type HandlerScenario<F = unknown> = {
  fixture: (w: World) => Promise<F>;
  request: (fx: F, w: World) => { url: string; params?: Record<string, string> };
  /** What an allowed request writes (an export's audit event), or "nothing". */
  effect?: Effect;
  /** Body checks on allowed answers, e.g. that another funder's data never appears. */
  body?: (fx: F, actor: ActorKey, body: string) => string | null;
};
const handler = <F>(s: HandlerScenario<F>) => s as unknown as HandlerScenario<unknown>;
const BASE = "http://localhost:3000";

/** An attachment of a submitted application of the world's organisation. */
async function submittedAttachment(w: World) {
  const fx = await draftWithAttachment(w);
  await db.application.update({ where: { id: fx.app.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
  return fx.att;
}

/** A file attached straight to an application (as uploaded while it was a draft). */
async function attachTo(w: World, applicationId: string, organisationId: string) {
  const stored = await acceptUpload(pdfFile());
  const uploader = await actorOf(w, "APPLICANT");
  return db.$transaction((tx) => createAttachment(tx, uploader, { organisationId, applicationId, funderId: w.funder.id }, stored));
}

const fileRequest = (att: { id: string }) => ({ url: `${BASE}/api/files/${att.id}`, params: { id: att.id } });
const DOWNLOADED = { audit: ["attachment.downloaded"] };

/** The world's grant number must never reach another funder's staff; its own auditors must get it. */
const exportBody = (g: { grant: { number: string } }, actor: ActorKey, body: string) => {
  if (actor === "ALL_ROLES_OF_OTHER_FUNDER" && body.includes(g.grant.number)) return `contains grant ${g.grant.number} of another funder`;
  if ((actor === "AUDITOR" || actor === "PLATFORM_ADMIN") && !body.includes(g.grant.number)) return `misses grant ${g.grant.number}`;
  return null;
};

let worldFunderId = "";
const exportFunderBody = (actor: ActorKey, body: string) => {
  if (actor === "ALL_ROLES_OF_OTHER_FUNDER" && body.includes(worldFunderId)) return "contains events of another funder";
  if ((actor === "AUDITOR" || actor === "PLATFORM_ADMIN") && !body.includes(worldFunderId)) return "misses the funder's events";
  return null;
};
export const rememberWorld = (w: World) => {
  worldFunderId = w.funder.id;
};

/** The API's routes: a paid grant of the world's funder, asked for by id or found in a list. */
const paidGrant = (w: World) => grant(w, { stage: "paid" });
const apiList = (path: string) => handler({ effect: "nothing", fixture: paidGrant, request: (g) => ({ url: `${BASE}/api/v1/${path}?grantId=${g.grant.id}` }) });

export const HANDLER_SCENARIOS: Record<string, Record<string, HandlerScenario>> = {
  "app/api/health/route.ts": { GET: handler({ effect: "nothing", fixture: noFixture, request: () => ({ url: `${BASE}/api/health` }) }) },
  "app/api/v1/openapi.json/route.ts": { GET: handler({ effect: "nothing", fixture: noFixture, request: () => ({ url: `${BASE}/api/v1/openapi.json` }) }) },
  "app/api/v1/grants/route.ts": { GET: handler({ effect: "nothing", fixture: paidGrant, request: () => ({ url: `${BASE}/api/v1/grants?limit=200` }) }) },
  "app/api/v1/grants/[id]/route.ts": { GET: handler({ effect: "nothing", fixture: paidGrant, request: (g) => ({ url: `${BASE}/api/v1/grants/${g.grant.id}`, params: { id: g.grant.id } }) }) },
  "app/api/v1/tranches/route.ts": { GET: apiList("tranches") },
  "app/api/v1/ledger/route.ts": { GET: apiList("ledger") },
  // Every download is an audit event (and a refused one changes nothing).
  "app/api/files/[id]/route.ts": { GET: handler({ effect: DOWNLOADED, fixture: submittedAttachment, request: fileRequest }) },
  "app/api/exports/360giving/route.ts": {
    GET: handler({ effect: { audit: ["export.created"] }, fixture: (w) => grant(w, { stage: "paid" }), request: () => ({ url: `${BASE}/api/exports/360giving?format=json` }), body: exportBody }),
  },
  "app/api/exports/iati/route.ts": {
    GET: handler({ effect: { audit: ["export.created"] }, fixture: (w) => grant(w, { stage: "paid" }), request: () => ({ url: `${BASE}/api/exports/iati` }), body: exportBody }),
  },
  "app/api/exports/audit/route.ts": {
    GET: handler({
      effect: { audit: ["export.created"] },
      fixture: (w) => grant(w, { stage: "paid" }),
      request: () => ({ url: `${BASE}/api/exports/audit?from=2000-01-01&to=2100-12-31&format=csv` }),
      // The trail names the funder of each event: another funder's auditors must never see the world's.
      body: (_g, actor, body) => exportFunderBody(actor, body),
    }),
  },
  "app/api/audit/checkpoints/route.ts": {
    // Checkpoints name their stream (the funder's id): another funder's auditors must never get the world's.
    GET: handler({ effect: "nothing", fixture: async (w) => { await fundersEvent(w); await signCheckpoints(); return null; }, request: () => ({ url: `${BASE}/api/audit/checkpoints` }), body: (_f, actor, body) => exportFunderBody(actor, body) }),
  },
  "app/api/bank/batches/[id]/file/route.ts": {
    GET: handler({ effect: { audit: ["paymentBatch.downloaded"] }, fixture: (w) => paymentBatch(w, { released: true }), request: (b) => ({ url: `${BASE}/api/bank/batches/${b.batchId}/file`, params: { id: b.batchId } }) }),
  },
  "app/api/exports/disbursements/route.ts": {
    GET: handler({ effect: { audit: ["export.created"] }, fixture: (w) => grant(w, { stage: "paid" }), request: () => ({ url: `${BASE}/api/exports/disbursements?format=csv` }), body: exportBody }),
  },
};

export const HANDLER_VARIANTS: Array<{ file: string; method: string; label: string; allowed: readonly ActorKey[]; scenario: HandlerScenario }> = [
  {
    file: "app/api/files/[id]/route.ts",
    method: "GET",
    label: "attachment of a draft (staff never see drafts)",
    allowed: ["APPLICANT", "APPLICANT_MEMBER"],
    scenario: handler({ effect: DOWNLOADED, fixture: async (w) => (await draftWithAttachment(w)).att, request: fileRequest }),
  },
  {
    file: "app/api/files/[id]/route.ts",
    method: "GET",
    label: "protected organisation: members and the lead officer only",
    allowed: ["APPLICANT", "OFFICER"],
    scenario: handler({
      effect: DOWNLOADED,
      fixture: async (w) => {
        const org = await makeOrganisation({ protected: true, members: [{ userId: w.users.APPLICANT.id }] });
        const app = await application(w, { organisationId: org.id });
        await db.application.update({ where: { id: app.id }, data: { leadOfficerId: w.users.OFFICER.id } });
        return attachTo(w, app.id, org.id);
      },
      request: fileRequest,
    }),
  },
  {
    file: "app/api/files/[id]/route.ts",
    method: "GET",
    label: "application under review: the reviewer who accepted it too",
    allowed: ["APPLICANT", "APPLICANT_MEMBER", "OFFICER", "APPROVER", "FUNDER_ADMIN", "REVIEWER"],
    scenario: handler({
      effect: DOWNLOADED,
      fixture: async (w) => {
        const fx = await reviewAssignment(w, "ACCEPTED");
        return attachTo(w, fx.app.id, fx.app.organisationId);
      },
      request: fileRequest,
    }),
  },
  {
    file: "app/api/files/[id]/route.ts",
    method: "GET",
    label: "attachment of an answer to a clarification (never for reviewers)",
    allowed: ["APPLICANT", "APPLICANT_MEMBER", "OFFICER", "APPROVER", "FUNDER_ADMIN"],
    scenario: handler({
      effect: DOWNLOADED,
      fixture: async (w) => {
        const q = await openQuestion(w);
        const answerId = await answerClarification(await actorOf(w, "APPLICANT"), q.app.id, q.questionId, "Here", [pdfFile()]);
        return db.attachment.findFirstOrThrow({ where: { messageId: answerId } });
      },
      request: fileRequest,
    }),
  },
  {
    file: "app/api/files/[id]/route.ts",
    method: "GET",
    label: "attachment of a grant report: the funder's grant staff",
    allowed: ["APPLICANT", "APPLICANT_MEMBER", "OFFICER", "APPROVER", "FINANCE", "AUDITOR", "FUNDER_ADMIN"],
    scenario: handler({
      effect: DOWNLOADED,
      fixture: async (w) => {
        const g = await grant(w);
        await submitReport(await actorOf(w, "APPLICANT"), { reportId: g.report.id, narrative: "Done", spent: ["1.00"], files: [pdfFile()] });
        return db.attachment.findFirstOrThrow({ where: { reportId: g.report.id } });
      },
      request: fileRequest,
    }),
  },
  {
    file: "app/api/files/[id]/route.ts",
    method: "GET",
    label: "report file of a protected organisation: members and the lead officer only (not finance, approver, admin or auditor)",
    allowed: ["APPLICANT", "OFFICER"],
    scenario: handler({
      effect: DOWNLOADED,
      fixture: async (w) => {
        const org = await makeOrganisation({ protected: true, members: [{ userId: w.users.APPLICANT.id }] });
        const g = await grant(w, { organisationId: org.id });
        await db.application.update({ where: { id: g.app.id }, data: { leadOfficerId: w.users.OFFICER.id } });
        await submitReport(await actorOf(w, "APPLICANT"), { reportId: g.report.id, narrative: "Done", spent: ["1.00"], files: [pdfFile()] });
        return db.attachment.findFirstOrThrow({ where: { reportId: g.report.id } });
      },
      request: fileRequest,
    }),
  },
  ...(["360giving", "iati", "disbursements"] as const).map((name) => ({
    file: `app/api/exports/${name}/route.ts`,
    method: "GET",
    label: "unredacted: platform admins only",
    allowed: ["PLATFORM_ADMIN"] as const,
    scenario: handler({ effect: { audit: ["export.unredacted"] }, fixture: (w: World) => grant(w, { stage: "paid" }), request: () => ({ url: `${BASE}/api/exports/${name}?unredacted=1` }) }),
  })),
];
