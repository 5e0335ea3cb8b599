import "server-only";
import { db } from "../db";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";

export type PublicCall = {
  id: string;
  reference: string;
  kind: "REGULAR" | "EMERGENCY";
  title: string;
  summary: string;
  eligibilitySummary: string;
  programme: string;
  funder: string;
  currency: string;
  envelope: string;
  minGrant: string;
  maxGrant: string;
  opensAt: Date;
  closesAt: Date;
  languages: string[];
  isOpen: boolean;
};

/** Published calls: open first (nearest deadline first), then closed ones. Public. */
export async function listPublicCalls(locale: Locale, now = new Date()): Promise<PublicCall[]> {
  const calls = await db.call.findMany({
    where: { status: { in: ["OPEN", "CLOSED"] } },
    orderBy: [{ closesAt: "asc" }],
    include: { programme: { select: { name: true, funder: { select: { name: true } } } } },
  });
  const rows = calls.map((c) => ({
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    title: pickText(c.title, locale),
    summary: pickText(c.summary, locale),
    eligibilitySummary: pickText(c.eligibilitySummary, locale),
    programme: c.programme.name,
    funder: c.programme.funder.name,
    currency: c.currency,
    envelope: c.envelope.toFixed(2),
    minGrant: c.minGrant.toFixed(2),
    maxGrant: c.maxGrant.toFixed(2),
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    languages: c.languages,
    isOpen: c.status === "OPEN" && c.opensAt <= now && now < c.closesAt,
  }));
  return [...rows.filter((r) => r.isOpen), ...rows.filter((r) => !r.isOpen).reverse()];
}
