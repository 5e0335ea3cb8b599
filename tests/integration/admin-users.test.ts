import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, grantRole, listUsers, revokeRole, setUserDisabled } from "@/lib/admin/users";
import { createSession } from "@/lib/auth/sessions";
import { loadActor } from "@/lib/auth/actor";
import { actorFor, makeFunder, makeStaff, makeUser, uid } from "../factories";

describe("user and role administration", () => {
  it("lets a platform admin create a user, with an audit event that masks no needed field", async () => {
    const admin = await actorFor((await makeUser({ admin: true })).id);
    const email = `new-${uid()}@test.most`;
    const user = await createUser(admin, { email, name: "New Person", password: "a long enough password", locale: "ru" });
    expect(user.email).toBe(email);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.created", entityId: user.id } });
    expect(event.actorId).toBe(admin.userId);
    expect(JSON.stringify(event.after)).not.toContain("password");
  });

  it("refuses a duplicate email with a field error", async () => {
    const admin = await actorFor((await makeUser({ admin: true })).id);
    const existing = await makeUser();
    await expect(
      createUser(admin, { email: existing.email, name: "X", password: "a long enough password", locale: "en" }),
    ).rejects.toMatchObject({ code: "duplicate", fields: { email: "errors.field.emailTaken" } });
  });

  it("refuses user administration to staff, even a funder admin", async () => {
    const funder = await makeFunder();
    const funderAdmin = await makeStaff(funder.id, "FUNDER_ADMIN");
    await expect(listUsers(funderAdmin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createUser(funderAdmin, { email: `x-${uid()}@t.most`, name: "X", password: "a long enough password", locale: "en" }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets a funder admin grant and revoke roles only at their own funder", async () => {
    const [f1, f2] = [await makeFunder(), await makeFunder()];
    const funderAdmin = await makeStaff(f1.id, "FUNDER_ADMIN");
    const person = await makeUser();
    const role = await grantRole(funderAdmin, { userId: person.id, funderId: f1.id, role: "REVIEWER" });
    expect(role.funderId).toBe(f1.id);
    await expect(grantRole(funderAdmin, { userId: person.id, funderId: f2.id, role: "APPROVER" })).rejects.toMatchObject({ code: "forbidden" });

    const foreignRole = await db.staffRole.create({ data: { userId: person.id, funderId: f2.id, role: "AUDITOR" } });
    await expect(revokeRole(funderAdmin, foreignRole.id)).rejects.toMatchObject({ code: "notFound" });
    await revokeRole(funderAdmin, role.id);
    expect(await db.staffRole.findUnique({ where: { id: role.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { action: { in: ["role.granted", "role.revoked"] }, funderId: f1.id } })).toBe(2);
  });

  it("ends the person's sessions when a role is granted: the new role comes with a new sign-in", async () => {
    const funder = await makeFunder();
    const admin = await actorFor((await makeUser({ admin: true })).id);
    const person = await makeUser();
    const { id } = await createSession(person.id, "applicant", {});
    await db.session.update({ where: { id }, data: { mfaVerifiedAt: new Date() } });
    await grantRole(admin, { userId: person.id, funderId: funder.id, role: "FINANCE" });
    expect(await loadActor(id)).toBeNull();
    expect(await db.session.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedReason: "role granted" });
    const next = await createSession(person.id, "staff", { mfaVerified: true });
    expect((await loadActor(next.id))?.staffRoles).toEqual([{ funderId: funder.id, role: "FINANCE" }]);
  });

  it("takes a revoked role away on the person's next request", async () => {
    const funder = await makeFunder();
    const admin = await actorFor((await makeUser({ admin: true })).id);
    const person = await makeUser();
    const role = await grantRole(admin, { userId: person.id, funderId: funder.id, role: "FINANCE" });
    const { id } = await createSession(person.id, "staff", { mfaVerified: true });
    await revokeRole(admin, role.id);
    expect((await loadActor(id))?.staffRoles).toEqual([]);
  });

  it("ends every session of a disabled user and refuses to disable oneself", async () => {
    const admin = await actorFor((await makeUser({ admin: true })).id);
    const person = await makeUser();
    const s1 = await createSession(person.id, "applicant", {});
    const s2 = await createSession(person.id, "applicant", {});
    await setUserDisabled(admin, person.id, true);
    expect(await loadActor(s1.id)).toBeNull();
    expect(await loadActor(s2.id)).toBeNull();
    await expect(setUserDisabled(admin, admin.userId, true)).rejects.toMatchObject({ code: "forbidden" });
  });
});
