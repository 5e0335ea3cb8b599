// Each funder's auditors receive their stream's latest genuine checkpoint by e-mail, once per
// checkpoint, as a file they can verify with; other funders' auditors and forged rows never.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { signCheckpoints, trustedKeys } from "@/lib/audit/checkpoints";
import { mailCheckpoints } from "@/lib/audit/checkpoint-mail";
import { anchorsFrom } from "@/lib/audit/checkpoint-anchors";
import { listMailbox } from "@/lib/notifications/mailbox";
import { makeFunder, makeUser } from "../factories";

const event = (funderId: string) => db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: "mail", funderId }));
const mailTo = (email: string) => listMailbox().filter((m) => m.to.includes(email));

describe("checkpoint mail", () => {
  it("sends each auditor of a funder its latest genuine checkpoint once, and nothing to others", async () => {
    const [a, b] = [await makeFunder(), await makeFunder()];
    const auditor = await makeUser({ roles: [{ funderId: a.id, role: "AUDITOR" }] });
    const other = await makeUser({ roles: [{ funderId: b.id, role: "AUDITOR" }] });
    const officer = await makeUser({ roles: [{ funderId: a.id, role: "OFFICER" }] });
    await event(a.id);
    await event(a.id);
    await signCheckpoints();
    // A forged row above the genuine one must not be what is mailed.
    await db.auditCheckpoint.create({ data: { stream: a.id, seq: 99n, headHash: "f".repeat(64), count: 99n, at: new Date(), keyId: "test-1", signature: "A".repeat(86) } });

    expect(await mailCheckpoints()).toBe(1);
    const [mail, ...more] = mailTo(auditor.email);
    expect(more).toEqual([]);
    // The funder is named in the text only: the subject is a header, read on every server on the way.
    expect(mail!.text).toContain(a.name);
    expect(mail!.subject).not.toContain(a.name);
    const file = mail!.text.split("----------\n")[1]!;
    const held = anchorsFrom(file, trustedKeys());
    expect(held).toMatchObject({ ok: true, anchors: [{ stream: a.id, seq: 2n }] });
    expect(mailTo(other.email)).toEqual([]);
    expect(mailTo(officer.email)).toEqual([]);

    // Unmoved head: nothing new; a new checkpoint: one more message.
    expect(await mailCheckpoints()).toBe(0);
    await event(a.id);
    await signCheckpoints();
    expect(await mailCheckpoints()).toBe(1);
    expect(mailTo(auditor.email)).toHaveLength(2);
  });
});
