import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closeCall, createCall, openCall, updateCall } from "@/lib/calls/commands";
import { getPublicCall } from "@/lib/calls/queries";
import { ZCallForm, type TCallForm } from "@/lib/calls/schemas";
import { listQueue, ZQueueFilters } from "@/lib/applications/queue";
import { makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser } from "../factories";

function form(programmeId: string, over: Partial<Record<string, unknown>> = {}): TCallForm {
  return ZCallForm.parse({
    programmeId,
    kind: "REGULAR",
    title: { en: "Media call", ru: "Конкурс для медиа", cs: "Výzva pro média" },
    summary: { en: "Support", ru: "Поддержка", cs: "Podpora" },
    eligibilitySummary: { en: "NGOs", ru: "НКО", cs: "NNO" },
    languages: ["en", "ru"],
    opensAt: "2026-12-01T09:00",
    closesAt: "2027-01-31T23:59",
    envelope: "400 000",
    minGrant: "10000",
    maxGrant: "50000",
    cofinancingPct: "10",
    overheadLimitPct: "7",
    eligibility: { en: ["Works on media"], ru: ["Работает в медиа"], cs: ["Působí v médiích"] },
    scoring: { en: ["Relevance", "Capacity"], ru: ["Актуальность", "Потенциал"], cs: ["Relevance", "Kapacita"], weight: ["60", "40"] },
    ...over,
  });
}

describe("call management", () => {
  it("creates a draft with texts in three languages and the deadline in the officer's zone", async () => {
    const funder = await makeFunder();
    const programme = await makeProgramme(funder.id, "EUR", "1000000.00");
    const officer = await makeStaff(funder.id, "OFFICER");
    const id = await createCall(officer, form(programme.id), "Europe/Prague");
    const call = await db.call.findUniqueOrThrow({ where: { id }, include: { scoringCriteria: true, eligibilityCriteria: true } });
    expect(call.status).toBe("DRAFT");
    expect(call.closesAt.toISOString()).toBe("2027-01-31T22:59:00.000Z");
    expect(call.title).toEqual({ en: "Media call", ru: "Конкурс для медиа", cs: "Výzva pro média" });
    expect(call.scoringCriteria.map((c) => c.weight.toFixed(0)).sort()).toEqual(["40", "60"]);
    expect(call.envelope.toFixed(2)).toBe("400000.00");
  });

  it("offers a call in Ukrainian: Ukrainian texts where written, English where not", async () => {
    const funder = await makeFunder();
    const programme = await makeProgramme(funder.id, "EUR", "1000000.00");
    const officer = await makeStaff(funder.id, "OFFICER");
    const id = await createCall(officer, form(programme.id, {
      languages: ["uk", "ru"],
      title: { en: "Media call", ru: "Конкурс для медиа", cs: "Výzva pro média", uk: "Конкурс для медіа" },
      eligibility: { en: ["Works on media"], ru: ["Работает в медиа"], cs: ["Působí v médiích"], uk: [""] },
      scoring: { en: ["Relevance", "Capacity"], ru: ["Актуальность", "Потенциал"], cs: ["Relevance", "Kapacita"], uk: ["Актуальність", ""], weight: ["60", "40"] },
    }), "Europe/Prague");
    await openCall(officer, id);
    const shown = await getPublicCall(id, "uk", new Date("2026-12-15T12:00:00Z"));
    expect(shown).toMatchObject({ title: "Конкурс для медіа", summary: "Support", languages: ["uk", "ru"], eligibilityCriteria: ["Works on media"] });
    expect(shown?.scoringCriteria.map((c) => c.label)).toEqual(["Актуальність", "Capacity"]);
    // A Ukrainian column that does not fit the criteria is refused, not stored half.
    const r = ZCallForm.safeParse({ ...form(programme.id), scoring: { en: ["A", "B"], ru: ["A", "B"], cs: ["A", "B"], uk: ["A"], weight: ["50", "50"] } });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toContain("scoring:errors.call.criteriaIncomplete");
  });

  it("validates the form: dates, ranges and complete criteria in every language", () => {
    const r = ZCallForm.safeParse({ ...form("00000000-0000-0000-0000-000000000000"), closesAt: "2026-11-01T00:00", maxGrant: "500000", scoring: { en: ["A"], ru: [""], cs: ["A"], weight: ["0"] } });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(["closesAt:errors.field.dateOrder", "maxGrant:errors.call.maxAboveEnvelope", "scoring:errors.call.criteriaIncomplete", "scoring:errors.call.weights"]));
  });

  it("cannot open a call whose envelope exceeds the programme's uncommitted budget", async () => {
    const funder = await makeFunder();
    const programme = await makeProgramme(funder.id, "EUR", "1000000.00");
    const officer = await makeStaff(funder.id, "OFFICER");
    const first = await createCall(officer, form(programme.id, { envelope: "700000" }), "UTC");
    const second = await createCall(officer, form(programme.id, { envelope: "400000" }), "UTC");
    await openCall(officer, first);
    await expect(openCall(officer, second)).rejects.toMatchObject({ code: "envelopeExceeded", values: { available: "300000.00" } });
    const c2 = await db.call.findUniqueOrThrow({ where: { id: second } });
    await updateCall(officer, second, c2.version, form(programme.id, { envelope: "300000" }), "UTC");
    await openCall(officer, second);
    await closeCall(officer, first);
    expect((await db.call.findUniqueOrThrow({ where: { id: first } })).status).toBe("CLOSED");
  });

  it("lets two calls opened at the same moment share the budget correctly", async () => {
    const funder = await makeFunder();
    const programme = await makeProgramme(funder.id, "EUR", "1000000.00");
    const officer = await makeStaff(funder.id, "OFFICER");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createCall(officer, form(programme.id, { envelope: "400000" }), "UTC"));
    const results = await Promise.allSettled(ids.map((id) => openCall(officer, id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
  });

  it("is refused to staff of another funder and to non-officers", async () => {
    const funder = await makeFunder();
    const programme = await makeProgramme(funder.id);
    const other = await makeStaff((await makeFunder()).id, "OFFICER");
    await expect(createCall(other, form(programme.id), "UTC")).rejects.toMatchObject({ code: "notFound" });
    await expect(createCall(await makeStaff(funder.id, "APPROVER"), form(programme.id), "UTC")).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("work queue", () => {
  it("pages through every application once with keyset cursors, for each sort", async () => {
    const funder = await makeFunder();
    const call = await makeCall((await makeProgramme(funder.id)).id);
    const member = await makeUser();
    const org = await makeOrganisation({ members: [{ userId: member.id }] });
    const base = Date.now() - 1000 * 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      // Ties on purpose: equal amounts and equal times must still page deterministically.
      const a = await makeApplication(call.id, org.id, member.id, { amount: `${10000 + (i % 7) * 1000}.00`, submittedAt: new Date(base + Math.floor(i / 3) * 60_000) });
      ids.push(a.id);
    }
    const officer = await makeStaff(funder.id, "OFFICER");
    for (const sort of ["oldest", "newest", "amountDesc", "amountAsc", "scoreDesc"] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await listQueue(officer, ZQueueFilters.parse({ sort, after }), "en");
        seen.push(...page.rows.map((r) => r.id));
        after = page.next ?? undefined;
        pages++;
      } while (after);
      expect({ sort, count: seen.length, unique: new Set(seen).size, pages }).toEqual({ sort, count: 130, unique: 130, pages: 3 });
      expect(new Set(seen)).toEqual(new Set(ids));
    }
    const byAmount = await listQueue(officer, ZQueueFilters.parse({ sort: "amountDesc" }), "en");
    expect(byAmount.rows[0]?.requestedAmount).toBe("16000.00");
  });

  it("filters by status, country, sector and amount, within the actor's funders only", async () => {
    const funder = await makeFunder();
    const call = await makeCall((await makeProgramme(funder.id)).id);
    const member = await makeUser();
    const lv = await makeOrganisation({ members: [{ userId: member.id }], country: "LV" });
    const ge = await makeOrganisation({ members: [{ userId: member.id }], country: "GE" });
    const a1 = await makeApplication(call.id, lv.id, member.id, { amount: "20000.00" });
    const a2 = await makeApplication(call.id, ge.id, member.id, { amount: "80000.00", status: "ELIGIBLE" });
    const otherFunder = await makeFunder();
    const otherCall = await makeCall((await makeProgramme(otherFunder.id)).id);
    const foreign = await makeApplication(otherCall.id, lv.id, member.id);
    const officer = await makeStaff(funder.id, "OFFICER");
    const ids = async (f: Record<string, string>) => (await listQueue(officer, ZQueueFilters.parse(f), "en")).rows.map((r) => r.id);
    expect(await ids({})).toEqual(expect.arrayContaining([a1.id, a2.id]));
    expect(await ids({})).not.toContain(foreign.id);
    expect(await ids({ country: "GE" })).toEqual([a2.id]);
    expect(await ids({ status: "ELIGIBLE" })).toEqual([a2.id]);
    expect(await ids({ minAmount: "50 000" })).toEqual([a2.id]);
    expect(await ids({ sector: "LGBTQ" })).toEqual([]);
    expect(await ids({ sector: "HUMAN_RIGHTS", maxAmount: "30000" })).toEqual([a1.id]);
    // A forged cursor is ignored, not an error.
    expect((await listQueue(officer, ZQueueFilters.parse({ after: "bm90LWEtY3Vyc29y" }), "en")).rows.length).toBe(2);
  });
});

describe("queue filters from the URL", () => {
  it("drop malformed values instead of failing", () => {
    expect(ZQueueFilters.parse({ status: "DRAFT", sort: "bogus", callId: "x", minAmount: "abc", country: ["LV", "GE"] })).toEqual({
      status: undefined,
      callId: undefined,
      country: undefined,
      sector: undefined,
      kind: undefined,
      minAmount: undefined,
      maxAmount: undefined,
      sort: "oldest",
      after: undefined,
    });
  });
});
