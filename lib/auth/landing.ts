import "server-only";
import { db } from "../db";
import { landingPath } from "./permissions";

/** Landing page of a person who has just signed in (the new cookie is not readable yet). */
export async function landingPathFor(email: string): Promise<string> {
  const user = await db.user.findUnique({
    where: { email },
    select: {
      isPlatformAdmin: true,
      staffRoles: { select: { funderId: true, role: true } },
      memberships: { select: { organisationId: true } },
    },
  });
  return user ? landingPath(user) : "/";
}
