// Self-registration of applicants. Staff accounts are created by admins.
import "server-only";
import { z } from "zod";
import { hashPassword } from "../auth/password";
import { ZEmail, ZNewPassword } from "../auth/schemas";
import { addressKey, isLocked, recordFailure } from "../auth/throttle";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { LOCALES } from "../i18n/locales";
import { zRequiredText } from "../validation";

export const ZRegister = z.object({
  name: zRequiredText(120),
  email: ZEmail,
  password: ZNewPassword,
  locale: z.enum(LOCALES),
});
export type TRegister = z.infer<typeof ZRegister>;

/** Sign-ups per client address before a pause (counts every attempt). */
const SIGNUPS_PER_WINDOW = 10;

export async function registerUser(input: TRegister, network: string) {
  const key = `signup:${addressKey(network)}`;
  if (await isLocked([key])) throw new AppError("rateLimited");
  await recordFailure(key, SIGNUPS_PER_WINDOW);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("duplicate", { email: "errors.field.emailTaken" });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, locale: input.locale, passwordHash },
      select: { id: true },
    });
    await writeAudit(tx, { userId: user.id, role: "APPLICANT" }, {
      action: "user.registered",
      entityType: "User",
      entityId: user.id,
      after: { locale: input.locale, network },
    });
    return user.id;
  });
}
