import "server-only";
import { db } from "../db";
import { byEmail } from "../users/personal-data";
import { landingPath } from "./permissions";

/**
 * Where a person goes after the password step (the new cookie is not readable yet):
 * their landing page, through the second-factor page when they owe one.
 */
export async function landingPathFor(email: string, next?: string | null): Promise<string> {
  const user = await db.user.findUnique({
    where: byEmail(email),
    select: {
      isPlatformAdmin: true,
      staffRoles: { select: { funderId: true, role: true } },
      memberships: { select: { organisationId: true } },
      totp: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  });
  if (!user) return "/";
  const target = next ?? landingPath(user);
  const owesFactor = user.isPlatformAdmin || user.staffRoles.length > 0 || Boolean(user.totp?.confirmedAt) || user._count.passkeys > 0;
  return owesFactor ? `/mfa?next=${encodeURIComponent(target)}` : target;
}

/** After a passwordless passkey sign-in (both factors done): the owner's landing page. */
export async function landingPathForPasskey(credentialId: string, next?: string | null): Promise<string> {
  const passkey = await db.passkey.findUnique({
    where: { id: credentialId },
    select: { user: { select: { isPlatformAdmin: true, staffRoles: { select: { funderId: true, role: true } }, memberships: { select: { organisationId: true } } } } },
  });
  return next ?? (passkey ? landingPath(passkey.user) : "/");
}
