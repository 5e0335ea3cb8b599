// Each funder's auditors receive its stream's latest signed checkpoint once a day (when it
// moved), so copies exist in mailboxes the operator does not control.
import "server-only";
import { db } from "../db";
import { checkpointMail, mailBase, mailLocale } from "../notifications/content";
import { deliverOnce } from "../notifications/deliver";
import { sendMail } from "../notifications/mailer";
import { serialiseCheckpoints } from "./checkpoint";
import { lastGenuine, trustedKeys } from "./checkpoints";
import { toCheckpoint } from "./checkpoint-anchors";
import { openPeople } from "../users/personal-data";

export async function mailCheckpoints(): Promise<number> {
  let sent = 0;
  const keys = trustedKeys();
  const funders = await db.funder.findMany({ select: { id: true, name: true } });
  for (const f of funders) {
    // Only a genuine checkpoint: the portal's login could insert a row of its own.
    const cp = await lastGenuine(f.id, keys);
    if (!cp) continue;
    const file = serialiseCheckpoints([toCheckpoint(cp)]);
    const auditors = await db.staffRole.findMany({ where: { funderId: f.id, role: "AUDITOR", user: { disabledAt: null } }, select: { user: true } });
    const addresses = await openPeople(auditors.map((a) => a.user.id));
    for (const { user } of auditors) {
      const to = addresses.get(user.id)?.email;
      if (!to) continue;
      const locale = mailLocale(user);
      // One message per auditor and checkpoint: a retried job or an unmoved head sends nothing new.
      const outcome = await deliverOnce(`checkpoint:${cp.id}:${user.id}`, user.id, (messageId) => sendMail({ to, ...checkpointMail(locale, mailBase(user), f.name, file), messageId, locale }));
      if (outcome === "sent") sent++;
    }
  }
  return sent;
}
