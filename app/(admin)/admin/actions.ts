"use server";
import { revalidatePath } from "next/cache";
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
