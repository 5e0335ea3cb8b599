"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, runAction, type FormState } from "@/lib/action";
import { currentOrigin } from "@/lib/portal-origins";
import {
  addLostFunding,
  createOrganisation,
  inviteMember,
  removeLostFunding,
  updateOrganisation,
} from "@/lib/organisations/commands";
import {
  ZInvite,
  ZLostFunding,
  ZOrganisationProfile,
  ZRemoveLostFunding,
  ZUpdateOrganisation,
} from "@/lib/organisations/schemas";
import { addKeyPerson, removeKeyPerson, setFormerNames } from "@/lib/organisations/key-people";
import { ZFormerNames, ZKeyPersonInput, ZRemoveKeyPerson } from "@/lib/organisations/schemas";
import { addPayeeAccount, retirePayeeAccount } from "@/lib/bank/accounts";
import { ZAddPayeeAccountForm, ZPayeeAccountRef } from "@/lib/bank/accounts-schemas";

export async function createOrganisationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZOrganisationProfile, formValues(fd), (input, actor) => createOrganisation(actor, input));
  if (!r.ok) return r.state;
  redirect(`/my/organisations/${r.data.id}`);
}

export async function updateOrganisationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const values = formValues(fd);
  const r = await runAction(ZUpdateOrganisation, values, (input, actor) =>
    updateOrganisation(actor, input.organisationId, input.version, input),
  );
  if (!r.ok) return r.state;
  redirect(`/my/organisations/${String(values.organisationId)}`);
}

export async function addLostFundingAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZLostFunding, formValues(fd), (input, actor) => addLostFunding(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}

export async function removeLostFundingAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZRemoveLostFunding, formValues(fd), (input, actor) =>
    removeLostFunding(actor, input.organisationId, input.lostFundingId),
  );
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}

export async function inviteMemberAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZInvite, formValues(fd), (input, actor) => inviteMember(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok", message: `${(await currentOrigin()).origin}/invitations/${r.data.token}` };
}

export async function addKeyPersonAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZKeyPersonInput, formValues(fd), (input, actor) => addKeyPerson(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}

export async function removeKeyPersonAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZRemoveKeyPerson, formValues(fd), (input, actor) => removeKeyPerson(actor, input.organisationId, input.personId));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}

export async function saveFormerNamesAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZFormerNames, formValues(fd), (input, actor) => setFormerNames(actor, input.organisationId, input.formerNames));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}

export async function addPayeeAccountAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZAddPayeeAccountForm, formValues(fd), ({ organisationId, ...account }, actor) => addPayeeAccount(actor, { organisationId, account }));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}

export async function retirePayeeAccountAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZPayeeAccountRef, formValues(fd), (input, actor) => retirePayeeAccount(actor, input.accountId));
  if (!r.ok) return r.state;
  revalidatePath("/my/organisations/[id]", "page");
  return { status: "ok" };
}
