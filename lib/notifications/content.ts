// What an e-mail says. Applicant e-mail says only that something is new, with the portal
// link: no funder, programme, organisation, title or amount, since their mail provider
// may be read. Staff e-mail names the item (a reference or grant number) in its text, never a
// legal identity. Subjects travel as headers, read on every server on the way: they are
// neutral for everyone (no product, funder, grant number or purpose).
import "server-only";
import type { NotificationKind } from "@prisma/client";
import { LOCALES, type Locale } from "../i18n/locales";
import { formatterFor } from "../i18n/formats";
import { translatorFor } from "../i18n/messages";
import { storedOrigin } from "../portal-origins";

/** The origin links in this person's e-mail name: the one they last signed in through. */
export function mailBase(user: { mailOrigin: string | null }): string {
  return storedOrigin(user.mailOrigin).origin;
}

export function mailLocale(user: { locale: string; emailLocale: string | null }): Locale {
  const l = user.emailLocale ?? user.locale;
  return (LOCALES as readonly string[]).includes(l) ? (l as Locale) : "en";
}


/** Notifications about an applicant's own organisation are the ones that must stay content-free. */
export const isApplicantSide = (link: string) => link.startsWith("/my");

export function applicantMail(locale: Locale, base: string) {
  const t = translatorFor(locale);
  return {
    subject: process.env.MAIL_SUBJECT ?? t("email.neutral.subject"),
    text: t("email.neutral.body", { link: `${base}/notifications` }),
  };
}

/** A notification's stored parameters as a person reads them: its calendar day in their language. */
export function shownParams(params: Record<string, string | number>, locale: string): Record<string, string | number> {
  return typeof params.date === "string" ? { ...params, date: formatterFor(locale, "UTC").day(params.date) } : params;
}

export type StaffItem = { kind: NotificationKind; link: string; params: Record<string, string | number> };

export function staffMail(locale: Locale, base: string, item: StaffItem) {
  const t = translatorFor(locale);
  const what = t(`notifications.kind.${item.kind}`, shownParams(item.params, locale));
  return { subject: t("email.staff.subject"), text: t("email.staff.body", { what, link: `${base}${item.link}` }) };
}

export function digestMail(locale: Locale, base: string, items: StaffItem[]) {
  const t = translatorFor(locale);
  // An applicant-side item stays content-free even inside a staff member's digest.
  const lines = items
    .map((i) => (isApplicantSide(i.link) ? `- ${t("email.neutral.line")}\n  ${base}/notifications` : `- ${t(`notifications.kind.${i.kind}`, shownParams(i.params, locale))}\n  ${base}${i.link}`))
    .join("\n");
  return { subject: t("email.digest.subject", { count: items.length }), text: t("email.digest.body", { count: items.length, lines }) };
}

export function resetMail(locale: Locale, link: string, minutes: number) {
  const t = translatorFor(locale);
  return { subject: t("email.reset.subject"), text: t("email.reset.body", { link, minutes }) };
}

export function signUpMail(locale: Locale, link: string, hours: number) {
  const t = translatorFor(locale);
  return { subject: t("email.signUp.subject"), text: t("email.signUp.body", { link, hours }) };
}

export function existingAccountMail(locale: Locale, signInLink: string, resetLink: string) {
  const t = translatorFor(locale);
  return { subject: t("email.signUp.subject"), text: t("email.signUp.known", { signInLink, resetLink }) };
}

/** A funder's signed audit checkpoint, for its auditors to keep outside the portal. */
export function checkpointMail(locale: Locale, base: string, funder: string, file: string) {
  const t = translatorFor(locale);
  return { subject: t("email.checkpoint.subject"), text: t("email.checkpoint.body", { funder, file, link: `${base}/audit` }) };
}
