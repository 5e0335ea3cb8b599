import { describe, expect, it } from "vitest";
import {
  STAFF_ROLES,
  STAFF_ROLE_PERMISSIONS,
  canAtFunder,
  canEnterArea,
  canPlatform,
  funderIdsWith,
  landingPath,
  type RoleHolder,
} from "@/lib/auth/permissions";

const F1 = "00000000-0000-0000-0000-000000000001";
const F2 = "00000000-0000-0000-0000-000000000002";

const holder = (roles: RoleHolder["staffRoles"], isPlatformAdmin = false): RoleHolder => ({
  isPlatformAdmin,
  staffRoles: roles,
  memberships: [],
});

describe("role → permission map", () => {
  it("keeps the four-eyes and separation-of-duty roles apart", () => {
    // Whoever recommends must not be able to confirm through the same role, and each
    // payment step belongs to exactly one role.
    for (const role of STAFF_ROLES) {
      const p = STAFF_ROLE_PERMISSIONS[role];
      expect(p.includes("decisions.recommend") && p.includes("decisions.confirm")).toBe(false);
      const steps = ["payments.request", "payments.approve", "payments.record"].filter((s) => p.includes(s as never));
      expect(steps.length).toBeLessThanOrEqual(1);
    }
  });

  it("gives auditors read-only permissions", () => {
    expect(STAFF_ROLE_PERMISSIONS.AUDITOR).toEqual(["grants.view", "exports.run", "audit.view", "dashboard.view", "sanctions.view"]);
  });

  it("scopes permissions to the funder where the role is held", () => {
    const officerAtF1 = holder([{ funderId: F1, role: "OFFICER" }]);
    expect(canAtFunder(officerAtF1, "applications.screen", F1)).toBe(true);
    expect(canAtFunder(officerAtF1, "applications.screen", F2)).toBe(false);
    expect(funderIdsWith(officerAtF1, "applications.view")).toEqual([F1]);
    expect(funderIdsWith(officerAtF1, "payments.approve")).toEqual([]);
  });

  it("combines roles held at several funders", () => {
    const both = holder([
      { funderId: F1, role: "OFFICER" },
      { funderId: F2, role: "APPROVER" },
      { funderId: F2, role: "AUDITOR" },
    ]);
    expect(funderIdsWith(both, "applications.view").sort()).toEqual([F1, F2].sort());
    expect(funderIdsWith(both, "decisions.confirm")).toEqual([F2]);
    expect(canAtFunder(both, "decisions.confirm", F1)).toBe(false);
  });

  it("reserves platform permissions for platform admins", () => {
    expect(canPlatform(holder([{ funderId: F1, role: "FUNDER_ADMIN" }]), "users.manage")).toBe(false);
    expect(canPlatform(holder([], true), "users.manage")).toBe(true);
    expect(canPlatform(holder([], true), "exports.unredacted")).toBe(true);
  });
});

describe("areas and landing pages", () => {
  it.each([
    [[{ funderId: F1, role: "OFFICER" as const }], false, "/staff"],
    [[{ funderId: F1, role: "REVIEWER" as const }], false, "/staff"],
    [[{ funderId: F1, role: "APPROVER" as const }], false, "/staff"],
    [[{ funderId: F1, role: "FINANCE" as const }], false, "/staff"],
    [[{ funderId: F1, role: "AUDITOR" as const }], false, "/audit"],
    [[], true, "/admin"],
    [[], false, "/my"],
  ])("roles %j admin=%s land on %s", (roles, admin, path) => {
    expect(landingPath(holder(roles, admin))).toBe(path);
  });

  it("keeps an auditor out of the staff area and staff out of audit", () => {
    expect(canEnterArea(holder([{ funderId: F1, role: "AUDITOR" }]), "staff")).toBe(false);
    expect(canEnterArea(holder([{ funderId: F1, role: "OFFICER" }]), "audit")).toBe(false);
    expect(canEnterArea(holder([{ funderId: F1, role: "OFFICER" }]), "admin")).toBe(false);
  });
});
