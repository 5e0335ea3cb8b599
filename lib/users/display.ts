// Who staff see on a page about one organisation's application or grant. On a protected
// organisation's pages, everyone who is not staff of the page's funder (its members, past
// members included) appears to staff not entitled to the identity (the lead officer, as in
// lib/applications/identity-access.ts) only as "member of <codename>": no name, so a person
// who also belongs to a public organisation is not tied to the protected one.
import "server-only";
import { db } from "../db";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/messages";
import { openPeople } from "./personal-data";

export type PagePeople = (id: string | null) => string | null;

export async function peopleOnStaffPage(
  page: { funderId: string; organisation: { codename: string; isProtected: boolean }; entitled: boolean },
  ids: Iterable<string | null>,
  locale: Locale,
): Promise<PagePeople> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  const masked = page.organisation.isProtected && !page.entitled;
  const staff = masked
    ? new Set((await db.staffRole.findMany({ where: { funderId: page.funderId, userId: { in: unique } }, select: { userId: true }, distinct: ["userId"] })).map((r) => r.userId))
    : null;
  const shown = await openPeople(staff ? unique.filter((id) => staff.has(id)) : unique);
  const memberOf = translatorFor(locale)("identity.memberOf", { codename: page.organisation.codename });
  return (id) => {
    if (!id) return null;
    if (staff && !staff.has(id)) return memberOf;
    return shown.get(id)?.name ?? null;
  };
}
