// After an emergency erase, nothing decrypts the identity, not even a copy of the
// database taken before the erase together with the master key.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rotateMasterKey } from "@/lib/crypto/rotation";
import { emergencyErase } from "@/lib/organisations/erase";
import { openIdentity } from "@/lib/organisations/identity";
import { actorFor, makeOrganisation, makeUser } from "../factories";

describe("emergency erase", () => {
  it("makes the identity unrecoverable from a dump taken before, and keeps the records", async () => {
    const admin = await actorFor((await makeUser({ admin: true })).id);
    const org = await makeOrganisation({ protected: true, legalName: "OOO Must Vanish" });
    // "Dump" before the erase: the rows as they are stored.
    const dumpOrg = await db.organisation.findUniqueOrThrow({ where: { id: org.id } });
    const dumpKey = await db.organisationKey.findUniqueOrThrow({ where: { organisationId: org.id } });
    expect(openIdentity(dumpOrg, dumpKey)?.legalName).toBe("OOO Must Vanish");

    await emergencyErase(admin, org.id, "Raid reported by partners");

    expect(openIdentity(dumpOrg, dumpKey)).toBeNull(); // the key share is gone
    const after = await db.organisation.findUniqueOrThrow({ where: { id: org.id }, include: { key: true } });
    expect(after.identity).toBeNull();
    expect(after.key?.wrappedKey).toBeNull();
    expect(after.codename).toBe(org.codename);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "organisation.erased", entityId: org.id } });
    expect(event.after).toMatchObject({ reason: "Raid reported by partners", memberships: 0, files: 0 });
    await expect(emergencyErase(admin, org.id, "again")).rejects.toMatchObject({ code: "invalidTransition" });
  });

  it("is only for platform admins with a fresh second factor", async () => {
    const org = await makeOrganisation();
    const staleAdmin = { ...(await actorFor((await makeUser({ admin: true })).id)), mfaVerifiedAt: new Date(Date.now() - 3_600_000) };
    await expect(emergencyErase(staleAdmin, org.id, "x")).rejects.toMatchObject({ code: "stepUpRequired" });
    const member = await actorFor((await makeUser()).id);
    await expect(emergencyErase(member, org.id, "x")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("master key rotation", () => {
  it("re-wraps every key under the new master key, after which the old one is not needed", async () => {
    const org = await makeOrganisation({ legalName: "Rotating Legal" });
    const oldKeys = process.env.MOST_MASTER_KEYS!;
    const fresh = `test-2:${Buffer.alloc(32, 3).toString("base64")}`;
    process.env.MOST_MASTER_KEYS = `${fresh},${oldKeys}`;
    try {
      const r = await rotateMasterKey();
      expect(r.currentId).toBe("test-2");
      expect(r.organisations).toBeGreaterThanOrEqual(1);
      process.env.MOST_MASTER_KEYS = fresh; // the old key removed
      const row = await db.organisation.findUniqueOrThrow({ where: { id: org.id }, include: { key: true } });
      expect(row.key?.masterKeyId).toBe("test-2");
      expect(openIdentity(row, row.key)?.legalName).toBe("Rotating Legal");
    } finally {
      process.env.MOST_MASTER_KEYS = oldKeys;
    }
  });
});
