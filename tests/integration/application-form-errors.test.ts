// The application editor's actions, through the real pipeline: a refused value comes
// back under the editor's own field name (the name submission uses too), nothing is
// stored, and long text is refused whole rather than cut.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createSession } from "@/lib/auth/sessions";
import { saveDraft, startApplication } from "@/lib/applications/commands";
import { LINE_DESCRIPTION_MAX, SECTION_MAX, TITLE_MAX, type TDraftContent } from "@/lib/applications/schemas";
import { newRequest, signInAs } from "../setup/next-mocks";
import { applicantWorld, completeDraft } from "../factories/applicant-world";

vi.mock("next/headers", async () => (await import("../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../setup/next-mocks")).nextIntlServer);

const { saveDraftAction, submitApplicationAction } = await import("@/app/(applicant)/my/applications/actions");

async function draft() {
  const w = await applicantWorld();
  const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
  const saved = await saveDraft(w.member, id, 1, completeDraft());
  newRequest();
  await signInAs({ userId: w.member.userId, sessionId: (await createSession(w.member.userId, "applicant", { mfaVerified: true })).id });
  return { id, version: saved.version };
}

const stored = async (id: string) => db.application.findUniqueOrThrow({ where: { id }, include: { budgetLines: { orderBy: { position: "asc" } } } });

const texts = (a: Awaited<ReturnType<typeof stored>>) => [a.title, (a.sections as Record<string, string>).summary, a.budgetLines[0]?.description];

async function save(d: { id: string; version: number }, content: TDraftContent) {
  return saveDraftAction({ applicationId: d.id, version: d.version, content: content as never });
}

beforeEach(() => newRequest());

describe("saving a draft with a refused value", () => {
  it.each([
    ["a negative requested amount", { requestedAmount: "-5000" }, "requestedAmount", "errors.field.amount"],
    ["an amount in exponent notation", { requestedAmount: "1e15" }, "requestedAmount", "errors.field.amount"],
    ["a negative budget line", { lines: [{ category: "STAFF", description: "Lawyers", amount: "-100" }] }, "lines.0.amount", "errors.field.amount"],
    ["a duration out of range", { durationMonths: 99 as never }, "durationMonths", "errors.field.range"],
  ] as const)("names the editor's field for %s, and stores nothing", async (_label, change, field, message) => {
    const d = await draft();
    const before = await stored(d.id);
    const r = await save(d, { ...completeDraft(), ...(change as Partial<TDraftContent>) });
    expect(r.status).toBe("error");
    if (r.status !== "error") return;
    expect(r.message).toBe("errors.validation");
    expect(r.fieldErrors).toEqual({ [field]: message });
    const after = await stored(d.id);
    expect(after.version).toBe(before.version);
    expect(after.requestedAmount?.toFixed(2)).toBe("45000.00");
    expect(after.budgetLines.map((l) => l.amount.toFixed(2))).toEqual(["40000.00", "3000.00", "2000.00"]);
  });

  it("names the same fields as submission does", async () => {
    const d = await draft();
    const incomplete = await save(d, { ...completeDraft(), title: "", requestedAmount: undefined });
    expect(incomplete.status).toBe("saved");
    if (incomplete.status !== "saved") return;
    const r = await submitApplicationAction({ applicationId: d.id, version: incomplete.version });
    expect(r.status).toBe("error");
    expect(r.fieldErrors).toMatchObject({ title: "errors.field.required", requestedAmount: "errors.field.required" });
  });
});

describe("long text in a draft", () => {
  const long = (n: number) => "ж".repeat(n);

  it.each([
    ["the title", (n: number) => ({ title: long(n) }), TITLE_MAX, "title"],
    ["the summary", (n: number) => ({ sections: { ...completeDraft().sections, summary: long(n) } }), SECTION_MAX.summary, "sections.summary"],
    ["a budget line's description", (n: number) => ({ lines: [{ category: "STAFF" as const, description: long(n), amount: "45000" }] }), LINE_DESCRIPTION_MAX, "lines.0.description"],
  ])("%s is kept whole up to its limit and refused above it, never cut", async (_label, change, max, field) => {
    const d = await draft();
    const atLimit = await save(d, { ...completeDraft(), ...change(max) });
    expect(atLimit.status).toBe("saved");
    if (atLimit.status !== "saved") return;
    const whole = await stored(d.id);
    expect(texts(whole)).toContain(long(max));

    const over = await save({ id: d.id, version: atLimit.version }, { ...completeDraft(), ...change(max + 1) });
    expect(over.status).toBe("error");
    if (over.status !== "error") return;
    expect(over.fieldErrors).toEqual({ [field]: "errors.field.tooLong" });
    const after = await stored(d.id);
    expect(after.version).toBe(atLimit.version);
    expect(texts(after)).toContain(long(max));
  });
});
