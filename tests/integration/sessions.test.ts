import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { SESSION_LIMITS, createSession, revokeSession } from "@/lib/auth/sessions";
import { makeFunder, makeUser } from "../factories";

const MIN = 60_000;

describe("server-side sessions", () => {
  it("loads the actor with current roles on every request", async () => {
    const funder = await makeFunder();
    const user = await makeUser();
    const { id } = await createSession(user.id, "applicant", {});
    expect((await loadActor(id))?.staffRoles).toEqual([]);
    await db.staffRole.create({ data: { userId: user.id, funderId: funder.id, role: "OFFICER" } });
    // A new staff member holds nothing until a second factor is set up and checked...
    expect(await loadActor(id)).toMatchObject({ staffRoles: [], pendingSecondFactor: "enrol" });
    // ...and then the role counts from the very next request.
    await db.session.update({ where: { id }, data: { mfaVerifiedAt: new Date() } });
    expect((await loadActor(id))?.staffRoles).toEqual([{ funderId: funder.id, role: "OFFICER" }]);
  });

  it("ends at once when revoked", async () => {
    const user = await makeUser();
    const { id } = await createSession(user.id, "applicant", {});
    await revokeSession(id, "test");
    expect(await loadActor(id)).toBeNull();
  });

  it("ends on the next request after the user is disabled", async () => {
    const user = await makeUser();
    const { id } = await createSession(user.id, "applicant", {});
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await loadActor(id)).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id } })).revokedReason).toBe("user disabled");
  });

  it("ends a staff session after 30 idle minutes, an applicant's only after a day", async () => {
    const funder = await makeFunder();
    const staff = await makeUser({ roles: [{ funderId: funder.id, role: "OFFICER" }] });
    const applicant = await makeUser();
    const t0 = new Date();
    const s1 = await createSession(staff.id, "staff", {}, t0);
    const s2 = await createSession(applicant.id, "applicant", {}, t0);
    const later = new Date(t0.getTime() + (SESSION_LIMITS.staff.idleMinutes + 1) * MIN);
    expect(await loadActor(s1.id, later)).toBeNull();
    expect(await loadActor(s2.id, later)).not.toBeNull();
  });

  it("ends a staff session 12 hours after sign-in however active", async () => {
    const funder = await makeFunder();
    const staff = await makeUser({ roles: [{ funderId: funder.id, role: "APPROVER" }] });
    const t0 = new Date();
    const s = await createSession(staff.id, "staff", {}, t0);
    // Active every 20 minutes for 11 h 40 min: still valid.
    let t = t0.getTime();
    for (let i = 0; i < 35; i++) {
      t += 20 * MIN;
      expect(await loadActor(s.id, new Date(t))).not.toBeNull();
    }
    expect(await loadActor(s.id, new Date(t0.getTime() + 12 * 60 * MIN + MIN))).toBeNull();
  });
});
