// Members of protected organisations are protected people: a copy of the database holds no
// person's name or e-mail address, and accounts still sign in (by the blind index).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/admin/users";
import { answerClarification, askClarification } from "@/lib/applications/clarifications";
import { saveDraft, startApplication, submitApplication } from "@/lib/applications/commands";
import { authenticate } from "@/lib/auth/sign-in";
import { PEER_ADDRESS_HEADER, peerAddressStamp } from "@/lib/peer-address";
import { acceptInvitation, inviteMember } from "@/lib/organisations/commands";
import { requestSignUp } from "@/lib/users/registration";
import { byEmail, openPersonById, sealLegacyPeople } from "@/lib/users/personal-data";
import { backgroundMailSettled } from "@/lib/notifications/outbox";
import { TEST_PASSWORD, actorFor, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser, passwordHash, uid } from "../factories";
import { completeDraft } from "../factories/applicant-world";
import { everythingStored, expectAbsent } from "../factories/dump";

const from = () => new Headers({ [PEER_ADDRESS_HEADER]: peerAddressStamp(`10.9.${Math.floor(Math.random() * 250)}.1`), "user-agent": "vitest" });

const person = () => {
  const u = uid();
  return { name: `Иван Тихонов ${u}`, email: `Ivan.Tikhonov-${u}@Quiet-Example.org` };
};

describe("people at rest", () => {
  it("leaves no name or address of a protected organisation's members, invitees, admin-made users or pending sign-ups in the database", async () => {
    const funder = await makeFunder();
    const call = await makeCall((await makeProgramme(funder.id)).id, { cofinancingPct: "10" });
    const [p1, p2, invitee, staffPerson, signUp] = [person(), person(), person(), person(), person()];
    const m1 = await makeUser(p1);
    const m2 = await makeUser(p2);
    const org = await makeOrganisation({ protected: true, members: [{ userId: m1.id }, { userId: m2.id, role: "MEMBER" }] });
    const member = await actorFor(m1.id);
    await inviteMember(member, { organisationId: org.id, email: invitee.email, role: "MEMBER" });
    const officer = await makeStaff(funder.id, "OFFICER");
    const id = await startApplication(member, { callId: call.id, organisationId: org.id });
    await submitApplication(member, id, (await saveDraft(member, id, 1, completeDraft())).version);
    const question = await askClarification(officer, id, "Who signs for you?");
    await answerClarification(await actorFor(m2.id), id, question, "Our chair.");
    const admin = await actorFor((await makeUser({ admin: true })).id);
    await createUser(admin, { ...staffPerson, password: "a long enough password", locale: "en" });
    await requestSignUp({ ...signUp, password: "a long enough password", locale: "ru" }, "net-people");
    await backgroundMailSettled();

    const dump = await everythingStored();
    expect(dump).toContain(org.codename);
    for (const p of [p1, p2, invitee, staffPerson, signUp]) {
      expectAbsent(dump, p.name);
      expectAbsent(dump, p.email);
      // Nor the local part alone (it is the person's name in most addresses).
      expectAbsent(dump, p.email.split("@")[0]!);
    }
    // Still usable: sign-in finds the person by the blind index, whatever the case typed.
    expect((await authenticate({ email: p1.email.toUpperCase(), password: TEST_PASSWORD }, from())).ok).toBe(true);
    expect(await openPersonById(m2.id)).toEqual({ name: p2.name, email: p2.email.toLowerCase() });
  });

  it("lets the invited address accept through the blind index, and nobody else", async () => {
    const owner = await makeUser();
    const org = await makeOrganisation({ protected: true, members: [{ userId: owner.id }] });
    const invited = person();
    const { token } = await inviteMember(await actorFor(owner.id), { organisationId: org.id, email: invited.email, role: "MEMBER" });
    const stranger = await makeUser();
    await expect(acceptInvitation(await actorFor(stranger.id), token)).rejects.toMatchObject({ code: "notFound" });
    const u = await makeUser({ email: invited.email.toUpperCase() });
    expect(await acceptInvitation(await actorFor(u.id), token)).toBe(org.id);
    await expect(inviteMember(await actorFor(owner.id), { organisationId: org.id, email: invited.email, role: "MEMBER" })).rejects.toMatchObject({ code: "duplicate" });
  });

  it("seals accounts stored in clear before the upgrade, once, and they still sign in", async () => {
    const legacy = person();
    const [row] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
      VALUES (gen_random_uuid(), ${legacy.email.toLowerCase()}, ${legacy.name}, ${await passwordHash()}, now()) RETURNING id::text`;
    expect(await everythingStored()).toContain(legacy.name);

    expect(await sealLegacyPeople()).toBe(1);
    expect(await sealLegacyPeople()).toBe(0);
    const stored = await db.user.findUniqueOrThrow({ where: { id: row!.id } });
    expect(stored).toMatchObject({ legacyEmail: null, legacyName: null });
    expect(await openPersonById(row!.id)).toEqual({ name: legacy.name, email: legacy.email.toLowerCase() });
    expect(await db.user.findUnique({ where: byEmail(legacy.email), select: { id: true } })).toEqual({ id: row!.id });
    expect((await authenticate({ email: legacy.email, password: TEST_PASSWORD }, from())).ok).toBe(true);
    const dump = await everythingStored();
    expectAbsent(dump, legacy.name);
    expectAbsent(dump, legacy.email);
  });

  it("is sealed by the start-up step (scripts/seal-people.ts), which exits 1 when it cannot seal", async () => {
    const legacy = person();
    await db.$executeRaw`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), ${legacy.email.toLowerCase()}, ${legacy.name}, 'x', now())`;
    const run = (env: Record<string, string | undefined>) =>
      spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/seal-people.ts"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
    const refused = run({ MOST_BLIND_INDEX_KEY: "short" });
    expect(refused.status).toBe(1);
    expect(await db.user.count({ where: { legacyEmail: legacy.email.toLowerCase() } })).toBe(1);
    const done = run({});
    expect(done.stdout).toContain("Sealed the personal data of 1 accounts.");
    expect(done.status).toBe(0);
    expect(await db.user.count({ where: { legacyEmail: { not: null } } })).toBe(0);
  }, 120_000);

  it("refuses a row that keeps a clear copy beside its sealed one", async () => {
    const u = await makeUser();
    await expect(db.$executeRaw`UPDATE "User" SET email = 'clear@example.org' WHERE id = ${u.id}::uuid`).rejects.toThrow(/User_personal_sealed_check/);
  });
});
