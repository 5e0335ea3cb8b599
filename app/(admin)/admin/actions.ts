"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { MAX_FILE_BYTES } from "@/lib/limits";
import { importEcbRates } from "@/lib/ledger/fx-import";
import { endAllSessionsOf } from "@/lib/auth/session-admin";
import { emergencyErase } from "@/lib/organisations/erase";
import { formValues, runAction, type FormState } from "@/lib/action";
import {
  ZCreateUser,
  ZGrantRole,
  ZRevokeRole,
  ZSetDisabled,
  createUser,
  grantRole,
  revokeRole,
  setUserDisabled,
} from "@/lib/admin/users";

export async function createUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZCreateUser, formValues(fd), (input, actor) => createUser(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/admin");
  return { status: "ok" };
}

export async function grantRoleAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZGrantRole, formValues(fd), (input, actor) => grantRole(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/admin");
  return { status: "ok" };
}

export async function revokeRoleAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZRevokeRole, formValues(fd), (input, actor) => revokeRole(actor, input.roleId));
  if (!r.ok) return r.state;
  revalidatePath("/admin");
  return { status: "ok" };
}

export async function setUserDisabledAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZSetDisabled, formValues(fd), (input, actor) =>
    setUserDisabled(actor, input.userId, input.disabled === "true"),
  );
  if (!r.ok) return r.state;
  revalidatePath("/admin");
  return { status: "ok" };
}

const ZFxUpload = z.object({ file: z.instanceof(File, { message: "errors.file.empty" }) });

export async function importFxAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZFxUpload, formValues(fd), async (input, actor) => {
    if (input.file.size === 0 || input.file.size > MAX_FILE_BYTES) throw new AppError("fileRejected", { file: "errors.file.tooLarge" });
    return importEcbRates(actor, await input.file.text());
  });
  if (!r.ok) return r.state;
  revalidatePath("/admin/fx");
  return { status: "ok", message: String(r.data) };
}

const ZEndSessions = z.object({ userId: z.uuid() });

export async function endSessionsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZEndSessions, formValues(fd), (input, actor) => endAllSessionsOf(actor, input.userId));
  if (!r.ok) return r.state;
  revalidatePath("/admin");
  return { status: "ok" };
}

const ZErase = z.object({ organisationId: z.uuid(), reason: z.string().trim().min(5, "errors.field.required").max(1000, "errors.field.tooLong"), confirm: z.literal("ERASE", "errors.erase.confirm") });

export async function eraseOrganisationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZErase, formValues(fd), (input, actor) => emergencyErase(actor, input.organisationId, input.reason));
  if (!r.ok) return r.state;
  revalidatePath("/admin/organisations");
  return { status: "ok" };
}
