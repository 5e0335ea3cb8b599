import "server-only";
import type { Call } from "@prisma/client";
import { db } from "../db";
import { pickText } from "../i18n/localized";
import type { Locale } from "../i18n/locales";

type CallWithProgramme = Call & { programme: { name: string; funder: { name: string } } };

function toPublicCall(c: CallWithProgramme, locale: Locale, now: Date) {
  return {
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
    cofinancingPct: c.cofinancingPct.toFixed(2),
    overheadLimitPct: c.overheadLimitPct.toFixed(2),
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    languages: c.languages,
    isOpen: c.status === "OPEN" && c.opensAt <= now && now < c.closesAt,
  };
}

export type PublicCall = ReturnType<typeof toPublicCall>;

const withProgramme = { programme: { select: { name: true, funder: { select: { name: true } } } } } as const;

/** Published calls: open first (nearest deadline first), then closed ones. Public. */
export async function listPublicCalls(locale: Locale, now = new Date()): Promise<PublicCall[]> {
  const calls = await db.call.findMany({
    where: { status: { in: ["OPEN", "CLOSED"] } },
    orderBy: [{ closesAt: "asc" }],
    include: withProgramme,
  });
  const rows = calls.map((c) => toPublicCall(c, locale, now));
  return [...rows.filter((r) => r.isOpen), ...rows.filter((r) => !r.isOpen).reverse()];
}

/** One published call with its criteria. Public; drafts do not exist for the public. */
export async function getPublicCall(id: string, locale: Locale, now = new Date()) {
  const c = await db.call.findFirst({
    where: { id, status: { in: ["OPEN", "CLOSED"] } },
    include: {
      ...withProgramme,
      eligibilityCriteria: { orderBy: { position: "asc" } },
      scoringCriteria: { orderBy: { position: "asc" } },
    },
  });
  if (!c) return null;
  return {
    ...toPublicCall(c, locale, now),
    eligibilityCriteria: c.eligibilityCriteria.map((e) => pickText(e.label, locale)),
    scoringCriteria: c.scoringCriteria.map((s) => ({ label: pickText(s.label, locale), weight: s.weight.toFixed(0) })),
  };
}
