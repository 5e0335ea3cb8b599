"use server";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { formValues, runAction, type FormState } from "@/lib/action";
import { ZEmailPreferences, markAllRead, markRead, setEmailPreferences } from "@/lib/notifications/centre";
import { safeLocalPath } from "@/lib/paths";

const ZOpen = z.object({ notificationId: z.uuid() });

/** Marks the notification read and follows it to its page. */
export async function openNotificationAction(fd: FormData) {
  const r = await runAction(ZOpen, formValues(fd), (input, actor) => markRead(actor, input.notificationId));
  // Someone else's (or no) notification: nothing to open, and nothing said about why.
  if (!r.ok) notFound();
  redirect(safeLocalPath(r.data) ?? "/notifications");
}

export async function markAllReadAction(fd: FormData) {
  // The form says what it asks for; a call without it (or without a form) does nothing.
  const r = await runAction(z.object({ scope: z.literal("all") }), formValues(fd), (_input, actor) => markAllRead(actor));
  if (!r.ok) notFound();
  revalidatePath("/", "layout");
  redirect("/notifications");
}

export async function saveEmailPreferencesAction(_p: FormState, fd: FormData): Promise<FormState> {
  const r = await runAction(ZEmailPreferences, formValues(fd), (input, actor) => setEmailPreferences(actor, input));
  if (!r.ok) return r.state;
  revalidatePath("/notifications");
  return { status: "ok" };
}
