import "server-only";
import { db } from "../db";
import { writeAudit } from "../audit/write";
import { currentActor } from "./actor";
import { endNextAuthSession } from "./next-auth";
import { revokeSession } from "./sessions";

/** Ends the current session on the server and clears the cookie. */
export async function signOutCurrent() {
  const actor = await currentActor();
  if (actor) {
    await revokeSession(actor.sessionId, "signed out");
    await db.$transaction((tx) =>
      writeAudit(tx, actor, { action: "auth.signedOut", entityType: "User", entityId: actor.userId }),
    );
  }
  await endNextAuthSession();
}
