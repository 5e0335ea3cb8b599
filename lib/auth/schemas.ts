import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password";

// Messages are catalogue keys; forms translate them.
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "errors.field.emailTooLong")
  .pipe(z.email("errors.field.email"));

export const ZSignIn = z.object({
  email: ZEmail,
  password: z
    .string()
    .min(1, "errors.field.required")
    .max(PASSWORD_MAX, "errors.field.passwordTooLong"),
});
export type TSignIn = z.infer<typeof ZSignIn>;

export const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN, "errors.field.passwordTooShort")
  .max(PASSWORD_MAX, "errors.field.passwordTooLong");
