// The people of an erased organisation, and personal keys under rotation and renewal.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { open } from "@/lib/crypto/envelope";
import { readShare } from "@/lib/crypto/keystore";
import { createSession } from "@/lib/auth/sessions";
import { authenticate } from "@/lib/auth/sign-in";
import { PEER_ADDRESS_HEADER, peerAddressStamp } from "@/lib/peer-address";
import { erasePeopleOf, renewPersonKey, rewrapPersonKeys } from "@/lib/users/person-keys";
import { byEmail, openPersonById, unwrapPersonKey } from "@/lib/users/personal-data";
import { TEST_PASSWORD, makeFunder, makeOrganisation, makeUser } from "../factories";

const from = () => new Headers({ [PEER_ADDRESS_HEADER]: peerAddressStamp(`10.8.${Math.floor(Math.random() * 250)}.1`), "user-agent": "vitest" });

describe("erasePeopleOf", () => {
  it("destroys the personal data of members who belong nowhere else and hold no role, and removes every membership", async () => {
    const funder = await makeFunder();
    const [alone, alsoElsewhere, staff, admin] = [await makeUser(), await makeUser(), await makeUser({ roles: [{ funderId: funder.id, role: "REVIEWER" }] }), await makeUser({ admin: true })];
    const org = await makeOrganisation({ protected: true, members: [alone, alsoElsewhere, staff, admin].map((u) => ({ userId: u.id })) });
    const other = await makeOrganisation({ members: [{ userId: alsoElsewhere.id }] });
    const session = await createSession(alone.id, "applicant", { userAgent: "vitest" });
    // What a dump taken before the erase holds.
    const before = await db.personKey.findUniqueOrThrow({ where: { userId: alone.id } });
    expect(readShare(alone.id)).not.toBeNull();

    const r = await db.$transaction((tx) => erasePeopleOf(tx, org.id));
    expect(r).toEqual({ erased: 1, kept: 3, memberships: 4 });

    // The erased person: no key, no share, no data, no account, no session, no index.
    expect(readShare(alone.id)).toBeNull();
    expect(unwrapPersonKey(alone.id, Buffer.from(before.wrappedKey!), before.masterKeyId)).toBeNull();
    expect(await openPersonById(alone.id)).toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { id: alone.id }, include: { personKey: true } });
    expect(row.disabledAt).not.toBeNull();
    expect(row.emailIndex).toBeNull();
    expect(row.personKey).toMatchObject({ wrappedKey: null });
    expect(row.personKey?.destroyedAt).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(await db.user.findUnique({ where: byEmail(alone.email) })).toBeNull();
    expect(await authenticate({ email: alone.email, password: TEST_PASSWORD }, from())).toMatchObject({ ok: false });

    // The others keep their accounts and data, but not their membership of the erased one.
    for (const u of [alsoElsewhere, staff, admin]) expect(await openPersonById(u.id)).toEqual({ name: u.name, email: u.email });
    expect(await db.membership.count({ where: { organisationId: org.id } })).toBe(0);
    expect(await db.membership.findMany({ where: { userId: alsoElsewhere.id }, select: { organisationId: true } })).toEqual([{ organisationId: other.id }]);
    expect((await authenticate({ email: alsoElsewhere.email, password: TEST_PASSWORD }, from())).ok).toBe(true);
  });
});

describe("personal keys", () => {
  it("are re-wrapped under a new master key, after which the old one is not needed", async () => {
    const u = await makeUser();
    const oldKeys = process.env.MOST_MASTER_KEYS!;
    const fresh = `test-2:${Buffer.alloc(32, 3).toString("base64")}`;
    process.env.MOST_MASTER_KEYS = `${fresh},${oldKeys}`;
    try {
      expect(await rewrapPersonKeys()).toBeGreaterThanOrEqual(1);
      expect(await rewrapPersonKeys()).toBe(0);
      process.env.MOST_MASTER_KEYS = fresh; // the old key removed
      expect((await db.personKey.findUniqueOrThrow({ where: { userId: u.id } })).masterKeyId).toBe("test-2");
      expect(await openPersonById(u.id)).toEqual({ name: u.name, email: u.email });
    } finally {
      process.env.MOST_MASTER_KEYS = oldKeys;
    }
  });

  it("are renewed: the data is sealed again with a new key that the old one does not open", async () => {
    const u = await makeUser();
    const oldKey = await db.personKey.findUniqueOrThrow({ where: { userId: u.id } });
    const oldDataKey = unwrapPersonKey(u.id, Buffer.from(oldKey.wrappedKey!), oldKey.masterKeyId)!;
    expect(await renewPersonKey(u.id)).toBe(true);
    const row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(() => open(oldDataKey, Buffer.from(row.personal!), `person:${u.id}`)).toThrow();
    expect(Buffer.from((await db.personKey.findUniqueOrThrow({ where: { userId: u.id } })).wrappedKey!).equals(Buffer.from(oldKey.wrappedKey!))).toBe(false);
    expect(await openPersonById(u.id)).toEqual({ name: u.name, email: u.email });
    expect((await authenticate({ email: u.email, password: TEST_PASSWORD }, from())).ok).toBe(true);
  });
});
