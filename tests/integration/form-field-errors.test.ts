// Every form of the app shows an action's field error at the field it names: each case
// sends one invalid value through the real server action (real pipeline, real
// database), renders the form in the state the action answered, and expects the
// control carrying that name to be aria-invalid and described by the message.
import { randomUUID } from "node:crypto";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import en from "@/messages/en.json";
import type { FormState } from "@/lib/form-state";
import type { CallFormValues } from "@/components/staff/call-form";
import { createSession } from "@/lib/auth/sessions";
import { newRequest, signInAs } from "../setup/next-mocks";
import { makeFunder, makeOrganisation, makeUser } from "../factories";

vi.mock("next/headers", async () => (await import("../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => ({
  ...(await import("../setup/next-mocks")).nextNavigation,
  useRouter: () => ({ push() {}, replace() {}, refresh() {}, back() {}, prefetch() {} }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));
vi.mock("next-intl/server", async () => (await import("../setup/next-mocks")).nextIntlServer);

const { FormStateSeed } = await import("@/components/forms/action-form");
const { SignInForm } = await import("@/components/forms/sign-in-form");
const { SignUpForm, ConfirmSignUpForm } = await import("@/components/forms/sign-up-form");
const { ForgotPasswordForm, ResetPasswordForm } = await import("@/components/forms/password-reset-forms");
const { CreateUserForm } = await import("@/components/forms/create-user-form");
const { EraseForm } = await import("@/components/forms/erase-form");
const { FxImportForm } = await import("@/components/forms/fx-import-form");
const { UserRoleControls } = await import("@/components/forms/user-role-controls");
const { SecondFactorCodeForm } = await import("@/components/auth/code-form");
const { TotpEnrol } = await import("@/components/auth/totp-enrol");
const { StartApplicationForm } = await import("@/components/applications/start-application-form");
const { AttachmentsPanel } = await import("@/components/applications/attachments-panel");
const { AnswerForm } = await import("@/components/applications/answer-form");
const { ApplicationEditor } = await import("@/components/applications/application-editor");
const { ProfileForm } = await import("@/components/organisations/profile-form");
const { LostFundingForm } = await import("@/components/organisations/lost-funding-form");
const { InviteForm } = await import("@/components/organisations/invite-form");
const { EmailPreferencesForm } = await import("@/components/notifications/email-preferences-form");
const { ReportForm } = await import("@/components/grants/report-form");
const { ReviewReportForm } = await import("@/components/grants/review-report-form");
const { ScheduleEditor } = await import("@/components/grants/schedule-editor");
const { BudgetAmendmentForm } = await import("@/components/grants/budget-amendment-form");
const { RecordPaymentForm, ReverseForm, GrantStatusForm } = await import("@/components/grants/payment-forms");
const { CallForm } = await import("@/components/staff/call-form");
const { ScreeningForm, AssignReviewerForm, RecommendForm, ConfirmDecisionForms, MessageForm } = await import("@/components/staff/application-forms");
const { DeclareInterestForm, ScoreForm } = await import("@/components/staff/review-forms");

const admin = await import("@/app/(admin)/admin/actions");
const applications = await import("@/app/(applicant)/my/applications/actions");
const organisations = await import("@/app/(applicant)/my/organisations/actions");
const myGrants = await import("@/app/(applicant)/my/grants/actions");
const notifications = await import("@/app/(account)/notifications/actions");
const staff = await import("@/app/(staff)/staff/actions");
const grants = await import("@/app/(staff)/staff/grants/actions");
const signIn = await import("@/app/(public)/sign-in/actions");
const signUp = await import("@/app/(public)/sign-up/actions");
const forgot = await import("@/app/(public)/forgot-password/actions");
const reset = await import("@/app/(public)/reset-password/actions");
const mfa = await import("@/app/(public)/mfa/actions");

// ---------------------------------------------------------------------------------------
// Reading the rendered markup.

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${escapeRe(name)}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};
const controlsNamed = (html: string, name: string) =>
  [...html.matchAll(/<(input|textarea|select)\b[^>]*>/g)].map((m) => m[0]).filter((tag) => attr(tag, "name") === name && attr(tag, "type") !== "hidden");
const textOf = (html: string, id: string) => {
  const m = new RegExp(`<(\\w+)\\b[^>]*\\sid="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? unescape(m[2]!.replace(/<[^>]+>/g, "")) : undefined;
};

/** The controls a field error names: `name`, or the n-th of a list sent as `base[]` ("amount.1" → 2nd "amount[]"). */
function controlsFor(html: string, key: string): string[] {
  const direct = controlsNamed(html, key);
  if (direct.length) return direct;
  const list = /^(.*)\.(\d+)$/.exec(key);
  const item = list ? controlsNamed(html, `${list[1]}[]`)[Number(list[2])] : undefined;
  return item ? [item] : [];
}

function expectErrorAtField(html: string, key: string, message: string) {
  const controls = controlsFor(html, key);
  expect(controls, `a control named ${key}`).not.toHaveLength(0);
  for (const tag of controls) {
    expect(attr(tag, "aria-invalid"), `${tag} is aria-invalid`).toBe("true");
    const described = (attr(tag, "aria-describedby") ?? "").split(/\s+/).filter(Boolean).map((id) => textOf(html, id) ?? "");
    expect(described.some((text) => text.includes(message)), `${tag} is described by "${message}" (has: ${JSON.stringify(described)})`).toBe(true);
  }
}

function render(element: ReactElement, state: FormState) {
  return renderToStaticMarkup(
    createElement(
      NextIntlClientProvider as (props: Omit<ComponentProps<typeof NextIntlClientProvider>, "children">) => ReactElement,
      { locale: "en", messages: en, timeZone: "Europe/Prague" },
      createElement(FormStateSeed.Provider, { value: state }, element),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// The cases: one per form, each with one invalid value.

type Who = "anonymous" | "applicant" | "staff" | "admin";
type Fields = Record<string, string | File | Array<string | File>>;
type Case = {
  who: Who;
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  fields: Fields;
  /** The field the error must be named by (as the form names it). */
  field: string;
  /** The message expected there (the test catalogue answers with the key). */
  message: string;
  form: () => ReactElement;
};

const id = randomUUID();
const other = randomUUID();
const criterion = randomUUID();
const h = createElement;
const PROFILE = { action: organisations.createOrganisationAction, initial: {}, countries: [{ value: "CZ", label: "Czechia" }], currencies: ["EUR"], submitLabel: "Save" };
const texts = { en: "", ru: "", cs: "", uk: "" };
const CALL_VALUES: CallFormValues = {
  programmeId: id, kind: "REGULAR", title: texts, summary: texts, eligibilitySummary: texts, languages: ["en"], opensAt: "", closesAt: "",
  envelope: "", minGrant: "", maxGrant: "", cofinancingPct: "", overheadLimitPct: "", eligibility: [], scoring: [],
};

const EDITOR_FIELDS: Fields = { applicationId: id, version: "3", intent: "save", title: "Typed title", "lines.0.category": "STAFF", "lines.0.description": "Lawyers", "lines.0.amount": "100", "lines.1.category": "TRAVEL", "lines.1.description": "Trains", "lines.1.amount": "lots" };
const EDITOR = {
  applicationId: id,
  version: 3,
  initial: { title: "", sections: { summary: "", problem: "", objectives: "", activities: "", results: "", risks: "", sustainability: "" }, requestedAmount: "", cofinancingAmount: "", startDate: "", durationMonths: "", lines: [] },
  rules: { minGrant: "1000.00", maxGrant: "9000.00", cofinancingPct: "0.00", overheadLimitPct: "7.00" },
  currency: "EUR",
  lastEdited: null,
  acceptsSubmissions: true,
};

const CASES: Record<string, Case> = {
  "sign-in": { who: "anonymous", action: signIn.signInAction, fields: { email: "not an address", password: "x" }, field: "email", message: "errors.field.email", form: () => h(SignInForm, {}) },
  "sign-up": { who: "anonymous", action: signUp.registerAction, fields: { name: "Anna", email: "not an address", password: "correct horse battery staple", locale: "en" }, field: "email", message: "errors.field.email", form: () => h(SignUpForm, {}) },
  "sign-up confirmation": { who: "anonymous", action: signUp.confirmSignUpAction, fields: { token: "a".repeat(43), password: "" }, field: "password", message: "errors.field.required", form: () => h(ConfirmSignUpForm, { token: "a".repeat(43) }) },
  "forgotten password": { who: "anonymous", action: forgot.requestResetAction, fields: { email: "not an address" }, field: "email", message: "errors.field.email", form: () => h(ForgotPasswordForm) },
  "new password": { who: "anonymous", action: reset.resetPasswordAction, fields: { token: "a".repeat(43), password: "short" }, field: "password", message: "errors.field.passwordTooShort", form: () => h(ResetPasswordForm, { token: "a".repeat(43) }) },
  "second-factor code": { who: "staff", action: mfa.verifyCodeAction, fields: { code: "1", next: "/staff" }, field: "code", message: "errors.mfa.wrongCode", form: () => h(SecondFactorCodeForm, { next: "/staff" }) },
  "authenticator enrolment": {
    who: "staff",
    // Enrolment begun, then a wrong first code: the answer itself brings the enrolment back
    // (a page posted without JavaScript has nothing else to draw the code form from).
    action: async (p, fd) => {
      await mfa.beginTotpAction({ status: "idle" });
      return mfa.confirmTotpAction(p, fd);
    },
    fields: { code: "1" }, field: "code", message: "errors.mfa.wrongCode", form: () => h(TotpEnrol, { next: "/staff", enrolled: false }),
  },
  "start an application": { who: "applicant", action: applications.startApplicationAction, fields: { callId: id, organisationId: "not-an-id" }, field: "organisationId", message: "errors.field.invalid", form: () => h(StartApplicationForm, { callId: id, organisations: [{ id, name: "Org" }] }) },
  "application editor (posted without JavaScript)": { who: "applicant", action: applications.postDraftAction, fields: EDITOR_FIELDS, field: "lines.1.amount", message: "errors.field.amount", form: () => h(ApplicationEditor, EDITOR) },
  "attachment upload": { who: "applicant", action: applications.uploadAttachmentAction, fields: { applicationId: id }, field: "file", message: "errors.file.empty", form: () => h(AttachmentsPanel, { applicationId: id, attachments: [], editable: true }) },
  "clarification answer": { who: "applicant", action: applications.answerClarificationAction, fields: { applicationId: id, questionId: other, body: "" }, field: "body", message: "errors.field.required", form: () => h(AnswerForm, { applicationId: id, questionId: other }) },
  "organisation profile": { who: "applicant", action: organisations.createOrganisationAction, fields: { displayName: "Org", legalName: "Org", operatingStatus: "EXILE", operatingCountry: "CZ", "sectors[]": ["HUMAN_RIGHTS"], website: "not a url", annualBudgetCurrency: "EUR" }, field: "website", message: "errors.field.url", form: () => h(ProfileForm, PROFILE) },
  "lost funding": { who: "applicant", action: organisations.addLostFundingAction, fields: { organisationId: id, donor: "USAID", programmeName: "Media", annualAmount: "lots", currency: "USD" }, field: "annualAmount", message: "errors.field.amount", form: () => h(LostFundingForm, { organisationId: id, currencies: ["USD"] }) },
  "member invitation": { who: "applicant", action: organisations.inviteMemberAction, fields: { organisationId: id, email: "not an address", role: "MEMBER" }, field: "email", message: "errors.field.email", form: () => h(InviteForm, { organisationId: id }) },
  "grant report": { who: "applicant", action: myGrants.submitReportAction, fields: { reportId: id, narrative: "Done.", "spent[]": ["100", "lots"] }, field: "spent.1", message: "errors.field.amount", form: () => h(ReportForm, { reportId: id, currency: "EUR", lines: [{ category: "STAFF", description: "A", amount: "100" }, { category: "TRAVEL", description: "B", amount: "50" }] }) },
  "e-mail preferences": { who: "applicant", action: notifications.saveEmailPreferencesAction, fields: { mode: "each", emailLocale: "xx" }, field: "emailLocale", message: "errors.field.invalid", form: () => h(EmailPreferencesForm, { mode: "each", emailLocale: "en", digestAllowed: false }) },
  call: { who: "staff", action: staff.createCallAction, fields: { programmeId: id, kind: "REGULAR", "title.en": "", envelope: "1000" }, field: "title.en", message: "errors.field.required", form: () => h(CallForm, { action: staff.createCallAction, initial: CALL_VALUES, programmes: [], criteriaLocked: false, submitLabel: "Save" }) },
  screening: { who: "staff", action: staff.screenAction, fields: { applicationId: id, [`results.${criterion}.met`]: "maybe" }, field: `results.${criterion}.met`, message: "errors.field.required", form: () => h(ScreeningForm, { applicationId: id, criteria: [{ id: criterion, label: "Registered" }] }) },
  "reviewer assignment": { who: "staff", action: staff.assignReviewerAction, fields: { applicationId: id, reviewerId: "nobody" }, field: "reviewerId", message: "errors.field.invalid", form: () => h(AssignReviewerForm, { applicationId: id, candidates: [{ id: other, name: "R" }] }) },
  recommendation: { who: "staff", action: staff.recommendAction, fields: { applicationId: id, kind: "APPROVE", amount: "lots", reasonsForApplicant: "Good." }, field: "amount", message: "errors.field.amount", form: () => h(RecommendForm, { applicationId: id, requested: "100", currency: "EUR" }) },
  "decision return": { who: "staff", action: staff.returnDecisionAction, fields: { applicationId: id, decisionId: other, note: "" }, field: "note", message: "errors.field.required", form: () => h(ConfirmDecisionForms, { applicationId: id, decisionId: other }) },
  "clarification question": { who: "staff", action: staff.askAction, fields: { applicationId: id, body: "" }, field: "body", message: "errors.field.required", form: () => h(MessageForm, { applicationId: id, kind: "question" }) },
  "conflict of interest": { who: "staff", action: staff.declareInterestAction, fields: { assignmentId: id }, field: "conflict", message: "errors.field.required", form: () => h(DeclareInterestForm, { assignmentId: id }) },
  "review scores": { who: "staff", action: staff.submitReviewAction, fields: { assignmentId: id, [`scores.${criterion}.score`]: "9", recommendation: "FUND", comment: "Fine." }, field: `scores.${criterion}.score`, message: "errors.field.score", form: () => h(ScoreForm, { assignmentId: id, criteria: [{ id: criterion, label: "Impact", weight: "1" }] }) },
  "tranche schedule": { who: "staff", action: grants.saveScheduleAction, fields: { grantId: id, version: "1", "amount[]": ["100", "lots"], "date[]": ["2027-01-01", "2027-06-01"], "condition[]": ["NONE", "NONE"] }, field: "amount.1", message: "errors.field.amount", form: () => h(ScheduleEditor, { grantId: id, version: 1, amount: "200.00", currency: "EUR", lockedTotal: "0.00", firstNumber: 1, initial: [{ amount: "100", date: "2027-01-01", condition: "NONE" }, { amount: "lots", date: "2027-06-01", condition: "NONE" }] }) },
  "budget amendment": { who: "staff", action: grants.proposeBudgetAction, fields: { grantId: id, reason: "Prices rose.", "category[]": ["STAFF"], "description[]": ["Lawyers"], "lineAmount[]": ["-100"] }, field: "lineAmount.0", message: "errors.field.amount", form: () => h(BudgetAmendmentForm, { grantId: id, current: [{ category: "STAFF", description: "Lawyers", amount: "-100" }] }) },
  "payment record": { who: "staff", action: grants.recordPaymentAction, fields: { grantId: id, trancheId: other, idempotencyKey: randomUUID(), valueDate: "2027-01-01", bankReference: "REF", paidCurrency: "EUR", paidAmount: "lots" }, field: "paidAmount", message: "errors.field.amount", form: () => h(RecordPaymentForm, { grantId: id, trancheId: other, currency: "EUR", idempotencyKey: randomUUID(), today: "2027-01-01", startDate: "2026-12-01", startLabel: "1 Dec 2026" }) },
  "payment reversal": { who: "staff", action: grants.reversePaymentAction, fields: { grantId: id, ledgerEntryId: "1", idempotencyKey: randomUUID(), valueDate: "2027-01-01", reason: "" }, field: "reason", message: "errors.field.required", form: () => h(ReverseForm, { grantId: id, ledgerEntryId: "1", idempotencyKey: randomUUID(), today: "2027-01-01" }) },
  "grant status": { who: "staff", action: grants.setGrantStatusAction, fields: { grantId: id, status: "SUSPENDED", reason: "" }, field: "reason", message: "errors.field.required", form: () => h(GrantStatusForm, { grantId: id, options: ["SUSPENDED"] }) },
  "report review": { who: "staff", action: grants.reviewReportAction, fields: { reportId: id, decision: "changes", note: "x".repeat(3001) }, field: "note", message: "errors.field.tooLong", form: () => h(ReviewReportForm, { reportId: id }) },
  "new user": { who: "admin", action: admin.createUserAction, fields: { email: "not an address", name: "N", password: "correct horse battery staple", locale: "en" }, field: "email", message: "errors.field.email", form: () => h(CreateUserForm) },
  "role grant": { who: "admin", action: admin.grantRoleAction, fields: { userId: id, funderId: other, role: "OWNER" }, field: "role", message: "errors.field.invalid", form: () => h(UserRoleControls, { userId: id, email: "a@b.c", disabled: false, self: false, roles: [], funders: [{ id: other, code: "F", name: "F" }] }) },
  "emergency erase": { who: "admin", action: admin.eraseOrganisationAction, fields: { organisationId: id, reason: "", confirm: "ERASE" }, field: "reason", message: "errors.field.required", form: () => h(EraseForm, { organisationId: id, codename: "Owl" }) },
  "FX import": { who: "admin", action: admin.importFxAction, fields: {}, field: "file", message: "errors.file.empty", form: () => h(FxImportForm) },
};

// ---------------------------------------------------------------------------------------

const sessions: Partial<Record<Who, { userId: string; sessionId: string }>> = {};

beforeAll(async () => {
  const funder = await makeFunder();
  const users = {
    applicant: await makeUser(),
    staff: await makeUser({ roles: (["OFFICER", "REVIEWER", "APPROVER", "FINANCE", "FUNDER_ADMIN"] as const).map((role) => ({ funderId: funder.id, role })) }),
    admin: await makeUser({ admin: true }),
  };
  await makeOrganisation({ members: [{ userId: users.applicant.id }] });
  for (const [who, user] of Object.entries(users)) {
    sessions[who as Who] = { userId: user.id, sessionId: (await createSession(user.id, who === "applicant" ? "applicant" : "staff", { mfaVerified: true })).id };
  }
});

function formData(fields: Fields) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
}

describe("every form shows an action's field error at its field", () => {
  it.each(Object.entries(CASES))("%s", async (_name, c) => {
    newRequest();
    await signInAs(c.who === "anonymous" ? null : sessions[c.who]!);
    const state = await c.action({ status: "idle" }, formData(c.fields));
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[c.field], `field errors: ${JSON.stringify(state.fieldErrors)}`).toBe(c.message);
    expectErrorAtField(render(c.form(), state), c.field, c.message);
  });
});

describe("a refused form keeps what was typed", () => {
  it("the report: narrative and spending come back from the action and into the form", async () => {
    newRequest();
    await signInAs(sessions.applicant!);
    const state = await myGrants.submitReportAction({ status: "idle" }, formData({ reportId: id, narrative: "We defended twelve people.", "spent[]": ["100", "lots"] }));
    expect(state.status).toBe("error");
    expect(state.values).toMatchObject({ narrative: "We defended twelve people.", "spent.0": "100", "spent.1": "lots" });
    const html = render(h(ReportForm, { reportId: id, currency: "EUR", lines: [{ category: "STAFF", description: "A", amount: "100" }, { category: "TRAVEL", description: "B", amount: "50" }], initial: { narrative: "old", spent: [] } }), state);
    expect(html).toContain(">We defended twelve people.</textarea>");
    expect(controlsNamed(html, "spent[]").map((tag) => attr(tag, "value"))).toEqual(["100", "lots"]);
  });

  it("lost funding and the profile: the donor and the operating status as posted, with the fields they open", async () => {
    newRequest();
    await signInAs(sessions.applicant!);
    const lost = await organisations.addLostFundingAction({ status: "idle" }, formData({ organisationId: id, donor: "OTHER", programmeName: "Media", annualAmount: "100", currency: "USD", endedOn: "2025-01-31", purpose: "Rent" }));
    expect(lost.fieldErrors?.donorOther).toBe("errors.field.required");
    const html = render(h(LostFundingForm, { organisationId: id, currencies: ["USD"] }), lost);
    expectErrorAtField(html, "donorOther", "errors.field.required");
    expect(html).toMatch(/<option value="OTHER" selected="">/);
    const profile = await organisations.createOrganisationAction({ status: "idle" }, formData({ displayName: "", legalName: "Org", operatingStatus: "INTERMEDIARY", operatingCountry: "CZ", "sectors[]": ["HUMAN_RIGHTS"] }));
    expect(profile.status).toBe("error");
    const drawn = render(h(ProfileForm, PROFILE), profile);
    expect(controlsNamed(drawn, "operatingStatus").filter((tag) => attr(tag, "checked") !== undefined).map((tag) => attr(tag, "value"))).toEqual(["INTERMEDIARY"]);
  });

  it("the application editor: every field and row as posted, nothing stored", async () => {
    newRequest();
    await signInAs(sessions.applicant!);
    const state = await applications.postDraftAction({ status: "idle" }, formData(EDITOR_FIELDS));
    const html = render(h(ApplicationEditor, EDITOR), state);
    expect(attr(controlsNamed(html, "title")[0]!, "value")).toBe("Typed title");
    expect(controlsNamed(html, "lines.1.description").map((tag) => attr(tag, "value"))).toEqual(["Trains"]);
    expect(controlsNamed(html, "lines.1.amount").map((tag) => attr(tag, "value"))).toEqual(["lots"]);
    // A row added without JavaScript: the same fields plus an empty row, nothing saved.
    const added = await applications.postDraftAction({ status: "idle" }, formData({ ...EDITOR_FIELDS, intent: "addLine" }));
    expect(added.fieldErrors).toBeUndefined();
    const rows = render(h(ApplicationEditor, EDITOR), added);
    expect(controlsNamed(rows, "lines.2.amount")).toHaveLength(1);
    expect(attr(controlsNamed(rows, "lines.1.amount")[0]!, "value")).toBe("lots");
    expect(rows).toContain(en.editor.unsavedPosted);
  });
});
