// The hard cases of key renewal, backfill and erase: an attacker holding an old share, a
// writer racing a renewal, a damaged organisation among healthy ones, erasures made by
// earlier versions, a rotation run with the shares in the wrong place.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addApplicationAttachment, openAttachment } from "@/lib/applications/attachments";
import { masterKeys, open } from "@/lib/crypto/envelope";
import { shareId, wrappingKey } from "@/lib/crypto/keystore";
import { renewOrganisationKey, sealLegacyFiles } from "@/lib/crypto/renewal";
import { rotateMasterKey } from "@/lib/crypto/rotation";
import { finishEarlierErasures } from "@/lib/organisations/erase";
import { actorFor, makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeUser, uid } from "../factories";

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);
const sharePath = (id: string) => path.resolve(env().KEY_SHARE_DIR, id);
const filePath = (key: string) => path.resolve(env().STORAGE_DIR, key.slice(0, 2), key);

async function draft(text = uid()) {
  const user = await makeUser();
  const call = await makeCall((await makeProgramme((await makeFunder()).id)).id);
  const org = await makeOrganisation({ protected: true, members: [{ userId: user.id }] });
  const app = await makeApplication(call.id, org.id, user.id, { status: "DRAFT" });
  const member = await actorFor(user.id);
  const att = await addApplicationAttachment(member, app.id, new File([PDF(text)], `${text}.pdf`));
  return { user, org, app, member, att };
}

/** A file row as versions before sealing stored it: plain bytes, name and digest in clear. */
async function legacyFile(organisationId: string, applicationId: string, uploadedById: string, name: string, present = true) {
  const storageKey = randomUUID();
  const content = PDF(`legacy ${name}`);
  if (present) {
    mkdirSync(path.dirname(filePath(storageKey)), { recursive: true });
    writeFileSync(filePath(storageKey), content);
  }
  return db.attachment.create({
    data: { organisationId, applicationId, uploadedById, fileName: name, sha256: createHash("sha256").update(content).digest("hex"), mimeType: "application/pdf", sizeBytes: content.length, storageKey },
  });
}

describe("renewal against an old copy of the share folder", () => {
  it("the share of the first generation, with the current master key, opens nothing renewed; it is gone", async () => {
    const { org } = await draft();
    const oldShare = readFileSync(sharePath(org.id));
    expect(await renewOrganisationKey(org.id)).toBe(true);
    const key = await db.organisationKey.findUniqueOrThrow({ where: { organisationId: org.id } });
    expect(key.generation).toBe(2);
    expect(existsSync(sharePath(org.id))).toBe(false);
    expect(existsSync(sharePath(shareId(org.id, 2)))).toBe(true);
    const mk = masterKeys();
    const kek = wrappingKey(mk.keys.get(key.masterKeyId)!, oldShare, `organisation:${org.id}`);
    expect(() => open(kek, Buffer.from(key.wrappedKey!), `key:organisation:${org.id}`)).toThrow();
  });
});

describe("an upload racing a renewal", () => {
  it("waits while the renewal holds the key, then seals under the key it finds", async () => {
    const w = await draft();
    let uploaded = false;
    let upload: Promise<unknown> = Promise.resolve();
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "OrganisationKey" WHERE "organisationId" = ${w.org.id}::uuid FOR UPDATE`;
      upload = addApplicationAttachment(w.member, w.app.id, new File([PDF("racing")], "racing.pdf")).then(() => (uploaded = true));
      await new Promise((r) => setTimeout(r, 600));
      // Without the writers' FOR SHARE the upload would have finished under the held key.
      expect(uploaded).toBe(false);
    });
    await upload;
    expect(uploaded).toBe(true);
    const added = await db.attachment.findFirstOrThrow({ where: { applicationId: w.app.id, id: { not: w.att.id } } });
    const f = await openAttachment(w.member, added.id);
    expect(Buffer.from(await new Response(f.stream).arrayBuffer()).toString()).toContain("racing");
  });
});

describe("the backfill of files stored before sealing", () => {
  it("goes on past an organisation whose file is missing, and reports it", async () => {
    const broken = await draft();
    const healthy = await draft();
    await legacyFile(broken.org.id, broken.app.id, broken.user.id, "gone.pdf", false);
    const ok = await legacyFile(healthy.org.id, healthy.app.id, healthy.user.id, "fine.pdf");
    const { sealed, failed } = await sealLegacyFiles({ batch: 1 });
    expect(failed.map((f) => f.organisationId)).toContain(broken.org.id);
    expect(sealed).toBeGreaterThanOrEqual(1);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: ok.id } })).meta).not.toBeNull();
    // The broken one is untouched (still readable by name for whoever fixes it).
    expect(await db.attachment.count({ where: { organisationId: broken.org.id, meta: null } })).toBe(1);
  });
});

describe("erasures made by earlier versions", () => {
  it("are finished: memberships, plain files and clear names go, free text is blanked", async () => {
    const w = await draft();
    const plain = await legacyFile(w.org.id, w.app.id, w.user.id, "Severny_1127800001234.pdf");
    await db.application.update({ where: { id: w.app.id }, data: { title: "Legal aid in Petrozavodsk" } });
    // What an earlier version's erase left: the key gone, everything else in place.
    await db.organisationKey.update({ where: { organisationId: w.org.id }, data: { wrappedKey: null, destroyedAt: new Date() } });
    // (its share still on disk, as a failed deletion would have left it)
    await expect(openAttachment(w.member, plain.id)).rejects.toMatchObject({ code: "notFound" });

    expect(await finishEarlierErasures()).toBeGreaterThanOrEqual(1);
    expect(await db.membership.count({ where: { organisationId: w.org.id } })).toBe(0);
    const row = await db.attachment.findUniqueOrThrow({ where: { id: plain.id } });
    expect([row.fileName, row.sha256, row.meta === null]).toEqual([null, null, false]);
    expect(existsSync(filePath(plain.storageKey))).toBe(false);
    expect(existsSync(sharePath(w.org.id))).toBe(false);
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).title).toBe(w.app.reference);
    expect((await db.organisationKey.findUniqueOrThrow({ where: { organisationId: w.org.id } })).scrubbedAt).not.toBeNull();
    // Once: a second start finds nothing to do for it.
    const again = await db.organisationKey.count({ where: { destroyedAt: { not: null }, scrubbedAt: null } });
    expect(again).toBe(0);
  });
});

describe("master key rotation with the shares elsewhere", () => {
  it("refuses before changing anything when a live key has no share", async () => {
    const { org } = await draft();
    const oldKeys = process.env.MOST_MASTER_KEYS!;
    renameSync(sharePath(org.id), `${sharePath(org.id)}.away`);
    process.env.MOST_MASTER_KEYS = `test-7:${Buffer.alloc(32, 4).toString("base64")},${oldKeys}`;
    try {
      await expect(rotateMasterKey()).rejects.toThrow(/no key share in KEY_SHARE_DIR/);
      expect((await db.organisationKey.findUniqueOrThrow({ where: { organisationId: org.id } })).masterKeyId).not.toBe("test-7");
    } finally {
      process.env.MOST_MASTER_KEYS = oldKeys;
      renameSync(`${sharePath(org.id)}.away`, sharePath(org.id));
    }
  });
});
