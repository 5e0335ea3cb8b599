"use client";
// The application form: sections, amounts and the budget table. Saves itself a few
// seconds after each change (and on demand) with the version it last read, so two
// members editing at once never overwrite each other silently. Without JavaScript it is a
// plain form posting to postDraftAction: every button sends its intent (save, submit, add
// or remove a row) and the server renders the answer (decision 0029).
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useFormats } from "@/lib/i18n/use-formats";
import { postDraftAction, saveDraftAction, submitApplicationAction, type DraftFormState } from "@/app/(applicant)/my/applications/actions";
import { formatAmount, normaliseAmount } from "@/lib/amounts";
import { BUDGET_CATEGORIES, checkBudget, type BudgetCategoryCode, type CallRules } from "@/lib/applications/budget-rules";
import { INTENT, applyRowIntent, readIntent, type EditorContent } from "@/lib/applications/draft-form";
import { LINE_DESCRIPTION_MAX, SECTION_KEYS, SECTION_MAX, TITLE_MAX } from "@/lib/applications/schemas";
import { Alert } from "../ui/alert";
import { CharCount, countId } from "../ui/char-count";
import { Button } from "../ui/button";
import { Field, FieldError, Input, Select, Textarea, describedBy } from "../ui/field";
import { useFormAction, useFormFeedback } from "../forms/action-form";
import type { FormState } from "@/lib/form-state";

const AUTOSAVE_MS = 4000;

export type { EditorContent };

const NOT_POSTED: DraftFormState = { status: "idle" };

/** How the editor starts after its form was posted without JavaScript (or fresh: clean). */
function postedSaveState(posted: DraftFormState): SaveState {
  if (posted.saved) return "saved";
  if (posted.status === "error") return posted.code === "staleVersion" ? "conflict" : "error";
  return posted.content ? "posted" : "clean";
}

type Props = {
  applicationId: string;
  version: number;
  initial: EditorContent;
  rules: CallRules;
  currency: string;
  lastEdited: { at: string; by: string | null } | null;
  acceptsSubmissions: boolean;
};

// "posted": rows added or removed by the form without JavaScript, not stored yet.
type SaveState = "clean" | "dirty" | "posted" | "saving" | "saved" | "conflict" | "error";

export function ApplicationEditor(props: Props) {
  const t = useTranslations("editor");
  const format = useFormats();
  const locale = useLocale();
  const router = useRouter();
  // Set only when the form was posted without JavaScript: the server's answer to it.
  const [posted, postAction] = useFormAction(postDraftAction, NOT_POSTED);
  const [content, setContent] = useState(posted.content ?? props.initial);
  const [saveState, setSaveState] = useState<SaveState>(postedSaveState(posted));
  const [lastEdited, setLastEdited] = useState(props.lastEdited);
  const [errors, setErrors] = useState<Record<string, string>>(posted.fieldErrors ?? {});
  const [message, setMessage] = useState<string | null>(posted.status === "error" ? (posted.message ?? null) : null);
  const [submitting, setSubmitting] = useState(false);
  // The version this editor last read or wrote; sent with every save (optimistic lock).
  const postedVersion = posted.version ?? props.version;
  const versionRef = useRef(postedVersion);

  const update = (change: (c: EditorContent) => EditorContent) => {
    setContent((c) => change(c));
    setSaveState((s) => (s === "conflict" ? s : "dirty"));
  };

  const save = useCallback(async (): Promise<number | null> => {
    setSaveState("saving");
    const r = await saveDraftAction({ applicationId: props.applicationId, version: versionRef.current, content });
    if (r.status === "saved") {
      versionRef.current = r.version;
      setLastEdited({ at: r.lastEditedAt, by: r.lastEditedBy });
      setSaveState("saved");
      setErrors({});
      setMessage(null);
      return r.version;
    }
    setSaveState(r.code === "staleVersion" ? "conflict" : "error");
    setErrors(r.fieldErrors ?? {});
    setMessage(r.message ?? null);
    return null;
  }, [content, props.applicationId]);

  useEffect(() => {
    if (saveState !== "dirty") return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [saveState, save]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (saveState === "dirty" || saveState === "saving") e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saveState]);

  const submit = async () => {
    setSubmitting(true);
    try {
      const v = saveState === "saved" || saveState === "clean" ? versionRef.current : await save();
      if (v === null) return;
      const r = await submitApplicationAction({ applicationId: props.applicationId, version: v });
      if (r.status === "ok") {
        router.refresh();
        return;
      }
      setErrors(r.fieldErrors ?? {});
      setMessage(r.message ?? null);
      if (r.code === "staleVersion") setSaveState("conflict");
    } finally {
      setSubmitting(false);
    }
  };

  // The refusal at the top with a link to each refused field; focus goes there when the
  // pressed button lost it (components/forms/action-form.tsx).
  const answered = useMemo<FormState>(() => (message ? { status: "error", message, fieldErrors: errors } : { status: "idle" }), [message, errors]);
  const { formRef, noteSubmitter, answer } = useFormFeedback(answered);

  // With JavaScript the buttons' intents run here, in the browser, as before.
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    noteSubmitter(e);
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = readIntent(submitter?.value);
    if (intent.kind === "save") void save();
    else if (intent.kind === "submit") void submit();
    else update((c) => applyRowIntent(c, intent));
  };

  const budget = useMemo(
    () =>
      checkBudget(
        {
          requestedAmount: normaliseAmount(content.requestedAmount),
          cofinancingAmount: normaliseAmount(content.cofinancingAmount),
          lines: content.lines.map((l) => ({ category: l.category as BudgetCategoryCode, amount: normaliseAmount(l.amount) })),
        },
        props.rules,
      ),
    [content, props.rules],
  );
  const money = (v: string) => `${formatAmount(v, locale)} ${props.currency}`;
  // Errors are keyed by the field's path in the draft ("lines.0.amount"), for saving and submitting alike.
  const err = (path: string) => errors[path];
  const fieldProps = (id: string, path: string, opts: { hint?: boolean; counted?: boolean } = {}) => ({
    id,
    name: path,
    "aria-invalid": Boolean(err(path)),
    "aria-describedby": [describedBy(id, err(path), opts.hint), opts.counted ? countId(id) : undefined].filter(Boolean).join(" ") || undefined,
  });

  return (
    <form ref={formRef} action={postAction} onSubmit={onSubmit} noValidate className="space-y-6" data-testid="application-editor">
      <input type="hidden" name="applicationId" value={props.applicationId} />
      <input type="hidden" name="version" value={postedVersion} />
      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center justify-between gap-3 rounded-md bg-white/95 px-3 py-2 shadow-sm ring-1 ring-slate-200">
        <p className="text-sm text-slate-700" role="status" aria-live="polite" data-testid="save-state">
          {saveState === "saving"
            ? t("saving")
            : saveState === "dirty"
              ? t("unsaved")
              : saveState === "posted"
                ? t("unsavedPosted")
              : saveState === "conflict"
                ? t("conflict")
                : saveState === "error"
                  ? t("saveFailed")
                  : lastEdited
                  ? t("lastEdited", { who: lastEdited.by ?? "—", when: format.dateTime(new Date(lastEdited.at), { dateStyle: "medium", timeStyle: "short" }) })
                  : t("notSaved")}
        </p>
        <div className="flex gap-2">
          <Button type="submit" name="intent" value={INTENT.save} variant="secondary" disabled={saveState === "saving" || saveState === "conflict"}>
            {t("saveDraft")}
          </Button>
          <Button type="submit" name="intent" value={INTENT.submit} disabled={submitting || saveState === "conflict" || !props.acceptsSubmissions}>
            {t("submit")}
          </Button>
        </div>
      </div>
      {saveState === "conflict" ? (
        <Alert tone="error">
          {t("conflictHelp")}{" "}
          <a href={`/my/applications/${props.applicationId}`} className="font-semibold underline">
            {t("reload")}
          </a>
        </Alert>
      ) : (
        answer
      )}
      {!props.acceptsSubmissions ? <Alert tone="warning">{t("notAccepting")}</Alert> : null}

      <section className="space-y-4">
        <h2 className="text-lg font-semibold">{t("projectTitle")}</h2>
        <Field id="title" label={t("title")} error={err("title")}>
          <Input {...fieldProps("title", "title", { counted: true })} value={content.title} onChange={(e) => update((c) => ({ ...c, title: e.target.value }))} />
          <CharCount id="title" value={content.title} max={TITLE_MAX} />
        </Field>
        {SECTION_KEYS.map((k) => (
          <Field key={k} id={`section-${k}`} label={t(`section.${k}`)} error={err(`sections.${k}`)} hint={t(`sectionHint.${k}`)}>
            <Textarea
              {...fieldProps(`section-${k}`, `sections.${k}`, { hint: true, counted: true })}
              rows={k === "summary" ? 4 : 6}
              value={content.sections[k]}
              onChange={(e) => update((c) => ({ ...c, sections: { ...c.sections, [k]: e.target.value } }))}
            />
            <CharCount id={`section-${k}`} value={content.sections[k]} max={SECTION_MAX[k]} />
          </Field>
        ))}
      </section>

      <section className="space-y-4">
        <h2 className="text-lg font-semibold">{t("moneyTitle")}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="requestedAmount" label={t("requestedAmount", { currency: props.currency })} error={err("requestedAmount")} hint={t("range", { min: money(props.rules.minGrant), max: money(props.rules.maxGrant) })}>
            <Input {...fieldProps("requestedAmount", "requestedAmount", { hint: true })} inputMode="decimal" value={content.requestedAmount} onChange={(e) => update((c) => ({ ...c, requestedAmount: e.target.value }))} />
          </Field>
          <Field id="cofinancingAmount" label={t("cofinancingAmount", { currency: props.currency })} error={err("cofinancingAmount")} hint={Number(props.rules.cofinancingPct) > 0 ? t("cofinancingRule", { pct: props.rules.cofinancingPct.replace(/\.00$/, "") }) : t("cofinancingOptional")}>
            <Input {...fieldProps("cofinancingAmount", "cofinancingAmount", { hint: true })} inputMode="decimal" value={content.cofinancingAmount} onChange={(e) => update((c) => ({ ...c, cofinancingAmount: e.target.value }))} />
          </Field>
          <Field id="startDate" label={t("startDate")} error={err("startDate")}>
            <Input {...fieldProps("startDate", "startDate")} type="date" value={content.startDate} onChange={(e) => update((c) => ({ ...c, startDate: e.target.value }))} />
          </Field>
          <Field id="durationMonths" label={t("durationMonths")} error={err("durationMonths")}>
            <Input {...fieldProps("durationMonths", "durationMonths")} type="number" min={1} max={60} value={content.durationMonths} onChange={(e) => update((c) => ({ ...c, durationMonths: e.target.value }))} />
          </Field>
        </div>
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("budgetTitle")}</h2>
        <p className="text-sm text-slate-700">{t("budgetIntro")}</p>
        {err("lines") ? <Alert tone="error">{err("lines")}</Alert> : null}
        <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 bg-white text-sm" data-testid="budget-table">
            <caption className="sr-only">{t("budgetTitle")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("category")}</th>
                <th scope="col" className="px-3 py-2">{t("description")}</th>
                <th scope="col" className="px-3 py-2">{t("amount", { currency: props.currency })}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t("removeLine")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {content.lines.map((line, i) => (
                <tr key={i}>
                  <td className="px-3 py-2">
                    <Select name={`lines.${i}.category`} aria-label={t("lineCategory", { n: i + 1 })} className="w-48" value={line.category} onChange={(e) => update((c) => ({ ...c, lines: c.lines.map((l, j) => (j === i ? { ...l, category: e.target.value } : l)) }))}>
                      {BUDGET_CATEGORIES.map((cat) => (
                        <option key={cat} value={cat}>{t(`categories.${cat}`)}</option>
                      ))}
                    </Select>
                  </td>
                  <td className="px-3 py-2">
                    <Input {...fieldProps(`line-${i}-description`, `lines.${i}.description`, { counted: true })} aria-label={t("lineDescription", { n: i + 1 })} value={line.description} onChange={(e) => update((c) => ({ ...c, lines: c.lines.map((l, j) => (j === i ? { ...l, description: e.target.value } : l)) }))} />
                    <FieldError id={`line-${i}-description`} error={err(`lines.${i}.description`)} />
                    <CharCount id={`line-${i}-description`} value={line.description} max={LINE_DESCRIPTION_MAX} />
                  </td>
                  <td className="px-3 py-2">
                    <Input {...fieldProps(`line-${i}-amount`, `lines.${i}.amount`)} aria-label={t("lineAmount", { n: i + 1 })} inputMode="decimal" className="w-36 text-right" value={line.amount} onChange={(e) => update((c) => ({ ...c, lines: c.lines.map((l, j) => (j === i ? { ...l, amount: e.target.value } : l)) }))} />
                    <FieldError id={`line-${i}-amount`} error={err(`lines.${i}.amount`)} />
                  </td>
                  <td className="px-3 py-2">
                    <button type="submit" name="intent" value={INTENT.removeLine(i)} aria-label={t("removeLineN", { n: i + 1 })} className="text-sm text-red-700 underline">
                      {t("removeLine")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="bg-slate-50 font-medium">
              <tr>
                <td className="px-3 py-2" colSpan={2}>{t("total")}</td>
                <td className="px-3 py-2 text-right" data-testid="budget-total">{money(budget.totals.lines)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <Button type="submit" name="intent" value={INTENT.addLine} variant="secondary">
          {t("addLine")}
        </Button>
        <ul className="space-y-1 text-sm" aria-live="polite">
          {budget.errors.lines && normaliseAmount(content.requestedAmount) ? (
            <li className="text-amber-800">{t("liveMismatch", { total: money(budget.totals.lines), requested: money(normaliseAmount(content.requestedAmount)!) })}</li>
          ) : null}
          {budget.overheadsAboveLimit ? (
            <li className="text-amber-800" data-testid="overhead-flag">{t("overheadFlag", { pct: budget.totals.overheadPct, limit: props.rules.overheadLimitPct.replace(/\.00$/, "") })}</li>
          ) : null}
        </ul>
      </section>
    </form>
  );
}
