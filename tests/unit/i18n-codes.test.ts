// Every code a person can see has a label in every language: audit actions, entity types and
// roles, export kinds, reconciliation problems, ledger notes, and each database enum shown
// on a page. A new code without a label in every language fails here (the page would show the code).
import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, AUDIT_ROLES, EXPORT_KINDS } from "@/lib/audit/events";
import { LOCALES } from "@/lib/i18n/locales";
import { CATALOGUES } from "@/lib/i18n/messages";
import { RECONCILE_PROBLEMS } from "@/lib/ledger/balances";
import { BANK_FIELD_CODES, PAYMENT_FILE_CODES, STATEMENT_FILE_CODES } from "@/lib/bank/codes";

function lookup(locale: (typeof LOCALES)[number], key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), CATALOGUES[locale]);
}

/** Keys (namespace.code) that are missing or not text in some language. */
function missingLabels(namespace: string, codes: readonly string[]): string[] {
  return LOCALES.flatMap((locale) =>
    codes.filter((code) => {
      const v = lookup(locale, `${namespace}.${code}`);
      return typeof v !== "string" || v.trim() === "";
    }).map((code) => `${locale}: ${namespace}.${code}`),
  );
}

describe("codes shown to people have labels in every language", () => {
  it.each([
    ["audit.event", AUDIT_ACTIONS],
    ["audit.entityType", AUDIT_ENTITY_TYPES],
    ["roles", AUDIT_ROLES],
    ["audit.exportKinds", EXPORT_KINDS],
    ["grant.reconcileProblem", RECONCILE_PROBLEMS],
    ["grant.ledgerNote", Object.values($Enums.LedgerNote)],
    ["errors.bank", BANK_FIELD_CODES],
    ["errors.bankFile", PAYMENT_FILE_CODES],
    ["errors.statement", STATEMENT_FILE_CODES],
  ] as const)("%s", (namespace, codes) => {
    expect(missingLabels(namespace, codes)).toEqual([]);
  });

  it("audit labels are words, not the codes", () => {
    for (const locale of LOCALES) {
      for (const action of AUDIT_ACTIONS) expect(lookup(locale, `audit.event.${action}`), locale).not.toBe(action);
    }
  });

  // Where each database enum is labelled. An enum never shown as such says why.
  const SHOWN: Record<keyof typeof $Enums, string[] | string> = {
    ApplicationStatus: ["status.applicant", "status.staff"],
    BudgetCategory: ["editor.categories"],
    MessageKind: ["thread.kind"],
    CallKind: "shown as an 'emergency' badge (calls.emergency), not by value",
    CallStatus: ["staffCalls.statuses"],
    GrantStatus: ["grant.status", "disbursements.grantStatus"],
    TrancheCondition: ["schedule.condition"],
    TrancheStatus: ["payments.status"],
    LedgerKind: ["grant.kinds"],
    LedgerNote: ["grant.ledgerNote"],
    ApiScope: ["api.scopeLabel"],
    BudgetVersionStatus: "pages choose the proposed or confirmed budget; the value is not shown",
    ReportKind: ["reports.kind"],
    ReportStatus: ["reports.status"],
    StaffRoleKind: ["roles"],
    NotificationKind: ["notifications.kind"],
    EmailState: "internal state of the mail queue",
    OperatingStatus: ["applicant.operatingStatus", "organisation.status"],
    Sector: ["organisation.sector"],
    MemberRole: "shown through members.roleAdmin / members.roleMember",
    UsDonor: ["lostFunding.donor"],
    AssignmentStatus: ["reviewers.status"],
    Recommendation: ["reviewers.recommendation"],
    DecisionKind: "shown through decision.approve / decision.reject",
    DecisionStatus: ["decision.status"],
    MatchStatus: ["sanctions.status"],
    SanctionsTrigger: "recorded with each screening (audit trail's detail); not shown by value",
    PayeeAccountKind: ["payees.kind"],
    PayeeVerificationMethod: ["payees.method"],
    PayeeVerificationStatus: ["payees.verificationStatus"],
    GrantPayeeChangeStatus: ["payees.changeStatus"],
    PaymentBatchStatus: ["batches.status"],
    PaymentBatchKind: ["batches.kind"],
    BankLineOutcome: ["statements.outcome"],
    BankLineIssue: ["statements.issue"],
    PayeeRevocationReason: ["payees.revocationReason"],
  };

  it.each(Object.keys($Enums) as (keyof typeof $Enums)[])("enum %s is labelled wherever it is shown", (name) => {
    const where = SHOWN[name];
    expect(where, `${name}: add its catalogue namespace (or why it is never shown) to SHOWN`).toBeDefined();
    if (typeof where === "string") return;
    const values = Object.values($Enums[name]) as string[];
    expect(where.flatMap((ns) => missingLabels(ns, values))).toEqual([]);
  });
});
