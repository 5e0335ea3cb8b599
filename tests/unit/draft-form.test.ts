// The application editor posted without JavaScript: FormData → the draft the autosave sends.
import { describe, expect, it, vi } from "vitest";
import { applyRowIntent, readDraftForm, readIntent } from "@/lib/applications/draft-form";
import { MAX_LINES, SECTION_KEYS, ZSaveDraft } from "@/lib/applications/schemas";

vi.mock("next-intl/server", () => ({ getTranslations: vi.fn() }));
const { formValues } = await import("@/lib/action");

const ID = "0199a1b2-0000-7000-8000-000000000001";

function posted(fields: Record<string, string>): FormData {
  const fd = new FormData();
  fd.append("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

const full = {
  applicationId: ID,
  version: "7",
  title: "Court support",
  ...Object.fromEntries(SECTION_KEYS.map((k) => [`sections.${k}`, `${k} text`])),
  requestedAmount: "900 000",
  cofinancingAmount: "",
  startDate: "2027-01-01",
  durationMonths: "12",
  "lines.0.category": "STAFF",
  "lines.0.description": "Lawyers",
  "lines.0.amount": "800 000",
  "lines.1.category": "SECURITY",
  "lines.1.description": "Laptops",
  "lines.1.amount": "100 000,00",
};

describe("the posted application form", () => {
  it("gives the draft ZSaveDraft accepts, with amounts normalised as the autosave's are", () => {
    const form = readDraftForm(formValues(posted({ ...full, intent: "save" })));
    expect(form.intent).toEqual({ kind: "save" });
    expect(form.content.lines).toEqual([
      { category: "STAFF", description: "Lawyers", amount: "800 000" },
      { category: "SECURITY", description: "Laptops", amount: "100 000,00" },
    ]);
    const parsed = ZSaveDraft.parse({ applicationId: form.applicationId, version: form.version, content: form.content });
    expect(parsed.version).toBe(7);
    expect(parsed.content.sections.risks).toBe("risks text");
    expect(parsed.content.durationMonths).toBe(12);
    expect(parsed.content.lines.map((l) => l.amount)).toEqual(["800000.00", "100000.00"]);
    expect(parsed.content.cofinancingAmount).toBeUndefined();
  });

  it("orders rows by their index and closes gaps", () => {
    const form = readDraftForm(formValues(posted({ "lines.10.description": "c", "lines.2.description": "b", "lines.0.description": "a", "lines.x.description": "ignored" })));
    expect(form.content.lines.map((l) => l.description)).toEqual(["a", "b", "c"]);
  });

  it("fills what is missing with empty text and refuses a broken version or category through the schema", () => {
    const form = readDraftForm(formValues(posted({ applicationId: ID, version: "7; DROP", "lines.0.category": "BRIBES" })));
    expect(form.version).toBe(0);
    expect(form.content.title).toBe("");
    expect(form.content.sections.summary).toBe("");
    const r = ZSaveDraft.safeParse({ applicationId: form.applicationId, version: form.version, content: form.content });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["version", "content.lines.0.category"]));
  });

  it("keeps one row too many so the schema refuses the excess instead of dropping it", () => {
    const many = Object.fromEntries(Array.from({ length: MAX_LINES + 20 }, (_, i) => [`lines.${i}.category`, "STAFF"]));
    const form = readDraftForm(formValues(posted(many)));
    expect(form.content.lines).toHaveLength(MAX_LINES + 1);
    const r = ZSaveDraft.safeParse({ applicationId: ID, version: 1, content: form.content });
    expect(r.error!.issues[0]!.message).toBe("errors.field.tooMany");
  });

  it("reads each button's intent; anything else (the Enter key) saves", () => {
    expect(readIntent("submit")).toEqual({ kind: "submit" });
    expect(readIntent("addLine")).toEqual({ kind: "addLine" });
    expect(readIntent("removeLine:3")).toEqual({ kind: "removeLine", index: 3 });
    for (const other of [undefined, "", "removeLine:-1", "removeLine:1e3", "delete", new File([], "x")]) expect(readIntent(other)).toEqual({ kind: "save" });
  });

  it("adds and removes rows and changes nothing else", () => {
    const { content } = readDraftForm(formValues(posted(full)));
    const added = applyRowIntent(content, { kind: "addLine" });
    expect(added.lines).toHaveLength(3);
    expect(added.lines[2]).toEqual({ category: "ACTIVITIES", description: "", amount: "" });
    expect(added.title).toBe("Court support");
    const removed = applyRowIntent(content, { kind: "removeLine", index: 0 });
    expect(removed.lines.map((l) => l.description)).toEqual(["Laptops"]);
    expect(applyRowIntent(content, { kind: "removeLine", index: 9 }).lines).toHaveLength(2);
    const full100 = { ...content, lines: Array.from({ length: MAX_LINES }, () => content.lines[0]!) };
    expect(applyRowIntent(full100, { kind: "addLine" }).lines).toHaveLength(MAX_LINES);
  });
});
