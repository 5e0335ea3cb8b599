// keys:rotate --renew re-seals an organisation's identity and files under a new data key:
// an old master key with an old dump then opens nothing written after the rotation. Files
// from before sealing are sealed by the backfill.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addApplicationAttachment, openAttachment } from "@/lib/applications/attachments";
import { open } from "@/lib/crypto/envelope";
import { renewDataKeys, renewOrganisationKey, sealLegacyFiles } from "@/lib/crypto/renewal";
import { rotateMasterKey } from "@/lib/crypto/rotation";
import { openMeta } from "@/lib/files/attachment-meta";
import { openIdentity, unwrapDataKey } from "@/lib/organisations/identity";
import { updateOrganisation } from "@/lib/organisations/commands";
import { ZOrganisationProfile } from "@/lib/organisations/schemas";
import { actorFor, makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeUser, uid } from "../factories";

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

async function draftWithFile(text: string) {
  const user = await makeUser();
  const funder = await makeFunder();
  const call = await makeCall((await makeProgramme(funder.id)).id);
  const org = await makeOrganisation({ protected: true, members: [{ userId: user.id }], legalName: `Legal ${text}` });
  const app = await makeApplication(call.id, org.id, user.id, { status: "DRAFT" });
  const member = await actorFor(user.id);
  const att = await addApplicationAttachment(member, app.id, new File([PDF(text)], `${text}.pdf`));
  return { org, app, member, att };
}

const read = async (actor: Awaited<ReturnType<typeof actorFor>>, id: string) => {
  const f = await openAttachment(actor, id);
  return { name: f.fileName, bytes: Buffer.from(await new Response(f.stream).arrayBuffer()) };
};

describe("data key renewal", () => {
  it("re-seals identity and files; the old master key with an old dump opens nothing written after", async () => {
    const { org, member, att } = await draftWithFile(`before-${uid()}`);
    const oldKeys = process.env.MOST_MASTER_KEYS!;
    const oldKeyRow = await db.organisationKey.findUniqueOrThrow({ where: { organisationId: org.id } });
    const oldDataKey = unwrapDataKey(org.id, Buffer.from(oldKeyRow.wrappedKey!), oldKeyRow.masterKeyId)!;
    const fresh = `test-9:${Buffer.alloc(32, 9).toString("base64")}`;
    process.env.MOST_MASTER_KEYS = `${fresh},${oldKeys}`;
    try {
      await rotateMasterKey();
      expect(await renewOrganisationKey(org.id)).toBe(true);
      process.env.MOST_MASTER_KEYS = fresh; // the old master key is retired
      // Written after the rotation: a new legal name.
      const after = `after-${uid()}`;
      const profile = ZOrganisationProfile.parse({ displayName: "Quiet", legalName: `Legal ${after}`, operatingStatus: "INSIDE_RUSSIA", sectors: ["HUMAN_RIGHTS"], isProtected: "on" });
      const version = (await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).version;
      await updateOrganisation(await actorFor(member.userId), org.id, version, profile);

      const row = await db.organisation.findUniqueOrThrow({ where: { id: org.id }, include: { key: true } });
      expect(row.key?.generation).toBe(2);
      expect(openIdentity(row, row.key)?.legalName).toBe(`Legal ${after}`);
      // The attacker: old master key, old dump (the old wrapped key), the share: the old
      // data key, which opens neither the new identity nor the re-sealed file's name.
      expect(() => open(oldDataKey, Buffer.from(row.identity!), `organisation:${org.id}`)).toThrow();
      const moved = await db.attachment.findUniqueOrThrow({ where: { id: att.id } });
      expect(moved.storageKey).not.toBe(att.storageKey);
      expect(() => openMeta(oldDataKey, org.id, moved.storageKey, moved.meta!)).toThrow();
      expect(existsSync(path.resolve(env().STORAGE_DIR, att.storageKey.slice(0, 2), att.storageKey))).toBe(false);
      // The owner still reads everything.
      const got = await read(member, att.id);
      expect(got.name).toBe(att.fileName);
      expect(got.bytes.toString()).toContain("before-");
      const event = await db.auditEvent.findFirstOrThrow({ where: { action: "organisation.keyRenewed", entityId: org.id } });
      expect(event.after).toMatchObject({ generation: 2, masterKeyId: "test-9", files: 1 });
    } finally {
      // Back under the test key for the other tests of this file.
      process.env.MOST_MASTER_KEYS = `${oldKeys},${fresh}`;
      await rotateMasterKey();
      process.env.MOST_MASTER_KEYS = oldKeys;
    }
  });

  it("runs in batches and resumes: a second run with the same cutoff renews nothing twice", async () => {
    const a = await draftWithFile(`a-${uid()}`);
    const b = await draftWithFile(`b-${uid()}`);
    const before = new Date();
    const first = await renewDataKeys({ before, batch: 1 });
    expect(first.renewed).toBeGreaterThanOrEqual(2);
    const again = await renewDataKeys({ before, batch: 1 });
    expect(again.renewed).toBe(0);
    for (const w of [a, b]) expect((await read(w.member, w.att.id)).bytes.toString()).toContain("%PDF");
  });

  it("an upload racing a renewal ends up readable under the new key", async () => {
    const w = await draftWithFile(`race-${uid()}`);
    const [, added] = await Promise.all([renewOrganisationKey(w.org.id), addApplicationAttachment(w.member, w.app.id, new File([PDF("racing")], "racing.pdf"))]);
    await renewOrganisationKey(w.org.id);
    expect((await read(w.member, added.id)).bytes.toString()).toContain("racing");
    expect((await read(w.member, w.att.id)).bytes.toString()).toContain("race-");
  });
});

describe("files stored before sealing", () => {
  it("are sealed by the backfill, name and digest moved into the sealed part", async () => {
    const { org, app, member } = await draftWithFile(`legacy-${uid()}`);
    const storageKey = randomUUID();
    const content = PDF("plain legacy content");
    mkdirSync(path.resolve(env().STORAGE_DIR, storageKey.slice(0, 2)), { recursive: true });
    writeFileSync(path.resolve(env().STORAGE_DIR, storageKey.slice(0, 2), storageKey), content);
    const legacy = await db.attachment.create({
      data: { organisationId: org.id, applicationId: app.id, uploadedById: member.userId, fileName: "Severny_1127800001234.pdf", sha256: createHash("sha256").update(content).digest("hex"), mimeType: "application/pdf", sizeBytes: content.length, storageKey },
    });
    expect((await read(member, legacy.id)).name).toBe("Severny_1127800001234.pdf");
    expect((await sealLegacyFiles()).sealed).toBeGreaterThanOrEqual(1);
    const row = await db.attachment.findUniqueOrThrow({ where: { id: legacy.id } });
    expect([row.fileName, row.sha256]).toEqual([null, null]);
    expect(row.meta).not.toBeNull();
    const got = await read(member, legacy.id);
    expect([got.name, got.bytes.equals(content)]).toEqual(["Severny_1127800001234.pdf", true]);
    expect(existsSync(path.resolve(env().STORAGE_DIR, storageKey.slice(0, 2), storageKey))).toBe(false);
    expect(await sealLegacyFiles()).toEqual({ sealed: 0, failed: [] });
  });
});
