// Role → permission map. Staff roles are held per funder, so a permission is always
// checked against a funder; platform permissions belong to platform admins.
import type { StaffRoleKind } from "@prisma/client";

export const STAFF_ROLES = [
  "OFFICER",
  "REVIEWER",
  "APPROVER",
  "FINANCE",
  "AUDITOR",
  "FUNDER_ADMIN",
] as const satisfies readonly StaffRoleKind[];

export type FunderPermission =
  | "applications.view"
  | "applications.screen"
  | "calls.manage"
  | "clarifications.ask"
  | "reviews.assign"
  | "reviews.perform"
  | "decisions.recommend"
  | "decisions.confirm"
  | "grants.view"
  | "grants.manage"
  | "budget.confirm"
  | "payments.request"
  | "payments.approve"
  | "payments.record"
  | "reports.review"
  | "exports.run"
  | "audit.view"
  | "dashboard.view"
  | "staff.manage"
  | "programmes.manage"
  | "sanctions.view"
  | "sanctions.review"
  | "sanctions.decide"
  | "payees.verify"
  | "payees.confirm"
  | "bankAccounts.manage"
  | "apiTokens.manage";

export type PlatformPermission =
  | "users.manage"
  | "roles.manage"
  | "funders.manage"
  | "programmes.manage"
  | "fx.manage"
  | "exports.unredacted"
  | "organisations.erase"
  | "sessions.manage"
  | "sanctions.manage";

export const STAFF_ROLE_PERMISSIONS: Record<StaffRoleKind, readonly FunderPermission[]> = {
  OFFICER: [
    "applications.view",
    "applications.screen",
    "calls.manage",
    "clarifications.ask",
    "reviews.assign",
    "reviews.perform",
    "decisions.recommend",
    "grants.view",
    "grants.manage",
    "payments.request",
    "reports.review",
    "dashboard.view",
    "sanctions.view",
    "sanctions.review",
  ],
  REVIEWER: ["reviews.perform"],
  APPROVER: [
    "applications.view",
    "decisions.confirm",
    "grants.view",
    "budget.confirm",
    "payments.approve",
    "dashboard.view",
    "sanctions.view",
    "sanctions.decide",
    "payees.confirm",
  ],
  FINANCE: ["grants.view", "payments.record", "payees.verify"],
  AUDITOR: ["grants.view", "exports.run", "audit.view", "dashboard.view", "sanctions.view"],
  FUNDER_ADMIN: ["applications.view", "grants.view", "dashboard.view", "staff.manage", "programmes.manage", "sanctions.view", "bankAccounts.manage", "apiTokens.manage"],
};

export const PLATFORM_ADMIN_PERMISSIONS: readonly PlatformPermission[] = [
  "users.manage",
  "roles.manage",
  "funders.manage",
  "programmes.manage",
  "fx.manage",
  "exports.unredacted",
  "organisations.erase",
  "sessions.manage",
  "sanctions.manage",
];

export type RoleHolder = {
  isPlatformAdmin: boolean;
  staffRoles: ReadonlyArray<{ funderId: string; role: StaffRoleKind }>;
  memberships: ReadonlyArray<{ organisationId: string }>;
};

/** Funders at which the actor holds `permission` through some role. */
export function funderIdsWith(actor: RoleHolder, permission: FunderPermission): string[] {
  const ids = new Set<string>();
  for (const r of actor.staffRoles) {
    if (STAFF_ROLE_PERMISSIONS[r.role].includes(permission)) ids.add(r.funderId);
  }
  return [...ids];
}

export function canAtFunder(actor: RoleHolder, permission: FunderPermission, funderId: string) {
  return actor.staffRoles.some(
    (r) => r.funderId === funderId && STAFF_ROLE_PERMISSIONS[r.role].includes(permission),
  );
}

export function canPlatform(actor: RoleHolder, permission: PlatformPermission) {
  return actor.isPlatformAdmin && PLATFORM_ADMIN_PERMISSIONS.includes(permission);
}

export function hasStaffRole(actor: RoleHolder, ...roles: StaffRoleKind[]) {
  return actor.staffRoles.some((r) => roles.length === 0 || roles.includes(r.role));
}

/** Sections of the portal, each with its own layout guard and landing page. */
export type Area = "applicant" | "staff" | "audit" | "admin";

export function canEnterArea(actor: RoleHolder, area: Area): boolean {
  switch (area) {
    case "applicant":
      return true; // any signed-in person may create or join an organisation
    case "staff":
      return hasStaffRole(actor, "OFFICER", "REVIEWER", "APPROVER", "FINANCE", "FUNDER_ADMIN");
    case "audit":
      return hasStaffRole(actor, "AUDITOR");
    case "admin":
      return actor.isPlatformAdmin;
  }
}

export const AREA_PATHS: Record<Area, string> = {
  staff: "/staff",
  audit: "/audit",
  admin: "/admin",
  applicant: "/my",
};

/** Where a person lands after signing in: their working area first. */
export function landingPath(actor: RoleHolder): string {
  for (const area of ["staff", "audit", "admin"] as const) {
    if (canEnterArea(actor, area)) return AREA_PATHS[area];
  }
  return AREA_PATHS.applicant;
}

/** The role through which the actor holds a permission at a funder (for the audit trail). */
export function roleGranting(actor: RoleHolder, permission: FunderPermission, funderId: string): StaffRoleKind | null {
  return (
    actor.staffRoles.find((r) => r.funderId === funderId && STAFF_ROLE_PERMISSIONS[r.role].includes(permission))?.role ?? null
  );
}
