// The portal on an S3-compatible bucket (STORAGE_URL), served by a real S3-protocol server on
// loopback: attachments are stored sealed in the bucket and nowhere on disk, download streamed,
// are deleted with their row, move to new objects when the organisation's key is renewed (the
// old objects deleted), and a missing object fails the download as in the folder store.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { addApplicationAttachment, openAttachment, removeApplicationAttachment } from "@/lib/applications/attachments";
import { renewOrganisationKey } from "@/lib/crypto/renewal";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { MissingStoredFileError, objectStore } from "@/lib/files/storage";
import { S3Store } from "@/lib/files/s3-store";
import { actorFor, makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeUser, uid } from "../factories";
import { startS3Server } from "../support/s3-server";

// Before anything reads the environment (lib/env.ts reads it once).
const server = await startS3Server();
process.env.STORAGE_URL = server.storageUrl(`run-${randomUUID().slice(0, 8)}`);
afterAll(async () => {
  (objectStore() as S3Store).close();
  await server.stop();
});

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

async function rawObject(key: string) {
  const parts: Buffer[] = [];
  for await (const part of (await objectStore().get(key)) as Readable) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function draftWithFile(text: string) {
  const user = await makeUser();
  const funder = await makeFunder();
  const call = await makeCall((await makeProgramme(funder.id)).id);
  const org = await makeOrganisation({ protected: true, members: [{ userId: user.id }] });
  const app = await makeApplication(call.id, org.id, user.id, { status: "DRAFT" });
  const member = await actorFor(user.id);
  const att = await addApplicationAttachment(member, app.id, new File([PDF(text)], `${text}.pdf`));
  return { org, member, att };
}

const read = async (actor: Awaited<ReturnType<typeof actorFor>>, id: string) =>
  Buffer.from(await new Response((await openAttachment(actor, id)).stream).arrayBuffer());

describe("files in an S3-compatible bucket", () => {
  it("are stored sealed in the bucket, not on disk, and download streamed", async () => {
    expect(objectStore()).toBeInstanceOf(S3Store);
    const secret = `Severny_${uid()}`;
    const { member, att } = await draftWithFile(secret);
    const stored = await rawObject(att.storageKey);
    expect(stored.subarray(0, 4).toString()).toBe("MSF1");
    expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(existsSync(path.resolve(env().STORAGE_DIR, att.storageKey.slice(0, 2), att.storageKey))).toBe(false);
    const file = await openAttachment(member, att.id);
    expect(file.stream).toBeInstanceOf(ReadableStream);
    expect(Buffer.from(await new Response(file.stream).arrayBuffer()).equals(PDF(secret))).toBe(true);
  });

  it("an attachment removed from a draft is deleted from the bucket", async () => {
    const { member, att } = await draftWithFile(`gone-${uid()}`);
    await removeApplicationAttachment(member, att.id);
    await expect(objectStore().get(att.storageKey)).rejects.toBeInstanceOf(MissingStoredFileError);
  });

  it("key renewal re-seals into new objects and deletes the old ones", async () => {
    const { org, member, att } = await draftWithFile(`renew-${uid()}`);
    const before = await rawObject(att.storageKey);
    expect(await renewOrganisationKey(org.id)).toBe(true);
    const moved = await db.attachment.findUniqueOrThrow({ where: { id: att.id } });
    expect(moved.storageKey).not.toBe(att.storageKey);
    await expect(objectStore().get(att.storageKey)).rejects.toBeInstanceOf(MissingStoredFileError);
    expect((await rawObject(moved.storageKey)).equals(before)).toBe(false);
    expect((await read(member, att.id)).toString()).toContain("renew-");
  });

  it("a missing object fails the download with the folder store's error", async () => {
    const { member, att } = await draftWithFile(`lost-${uid()}`);
    await objectStore().delete(att.storageKey);
    await expect(openAttachment(member, att.id)).rejects.toBeInstanceOf(MissingStoredFileError);
  });
});
