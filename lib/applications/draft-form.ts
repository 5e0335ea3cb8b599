// The application editor posted as a plain form (JavaScript off): the form's values, as
// formValues() nests them ("sections.summary", "lines.0.amount"), become the same draft the
// autosave sends (ZSaveDraft's content, still unparsed), and the pressed button becomes an
// intent. Pure: no database, no session, so it runs in the browser's editor and in tests too.
import { MAX_LINES, SECTION_KEYS, type SectionKey } from "./schemas";

export type EditorLine = { category: string; description: string; amount: string };

/** The editor's fields as typed: strings throughout, judged by ZDraftContent when saved. */
export type EditorContent = {
  title: string;
  sections: Record<SectionKey, string>;
  requestedAmount: string;
  cofinancingAmount: string;
  startDate: string;
  durationMonths: string;
  lines: EditorLine[];
};

/** What the pressed button asks for: the name="intent" value of each of the editor's buttons. */
export type DraftIntent = { kind: "save" } | { kind: "submit" } | { kind: "addLine" } | { kind: "removeLine"; index: number };

export const INTENT = {
  save: "save",
  submit: "submit",
  addLine: "addLine",
  removeLine: (index: number) => `removeLine:${index}`,
} as const;

export type DraftForm = { applicationId: string; version: number; intent: DraftIntent; content: EditorContent };

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Blob) ? (v as Record<string, unknown>) : {});

/** A new budget row, as the editor's "Add a budget line" makes it. */
export const emptyLine = (): EditorLine => ({ category: "ACTIVITIES", description: "", amount: "" });

export function readIntent(v: unknown): DraftIntent {
  const s = text(v);
  if (s === INTENT.submit) return { kind: "submit" };
  if (s === INTENT.addLine) return { kind: "addLine" };
  const remove = /^removeLine:(\d{1,3})$/.exec(s);
  if (remove) return { kind: "removeLine", index: Number(remove[1]) };
  // The Enter key submits with the form's first button, which is Save.
  return { kind: "save" };
}

/**
 * The posted form → the draft. Rows come in the order of their index ("lines.3" after
 * "lines.1", gaps closed); one more than MAX_LINES is kept so the schema refuses the excess
 * rather than this dropping it silently. A version that is not a whole number gives 0,
 * which the schema refuses.
 */
export function readDraftForm(values: Record<string, unknown>): DraftForm {
  const sections = record(values.sections);
  const lines = record(values.lines);
  const rowKeys = Object.keys(lines)
    .filter((k) => /^\d{1,3}$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .slice(0, MAX_LINES + 1);
  const version = /^\d{1,9}$/.test(text(values.version)) ? Number(values.version) : 0;
  return {
    applicationId: text(values.applicationId),
    version,
    intent: readIntent(values.intent),
    content: {
      title: text(values.title),
      sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, text(sections[k])])) as Record<SectionKey, string>,
      requestedAmount: text(values.requestedAmount),
      cofinancingAmount: text(values.cofinancingAmount),
      startDate: text(values.startDate),
      durationMonths: text(values.durationMonths),
      lines: rowKeys.map((k) => {
        const row = record(lines[k]);
        return { category: text(row.category), description: text(row.description), amount: text(row.amount) };
      }),
    },
  };
}

/** The rows after an add or remove button (nothing else changes; nothing is stored). */
export function applyRowIntent(content: EditorContent, intent: DraftIntent): EditorContent {
  if (intent.kind === "addLine" && content.lines.length < MAX_LINES) return { ...content, lines: [...content.lines, emptyLine()] };
  if (intent.kind === "removeLine") return { ...content, lines: content.lines.filter((_, i) => i !== intent.index) };
  return content;
}
