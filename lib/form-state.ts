// Result of a form action, shared by server actions and the client forms that show it.
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  /** The AppError code, for forms that react to a specific failure (e.g. staleVersion). */
  code?: string;
  /**
   * Translated message per field, keyed by the field's name in the form: the FormData key
   * as the control's `name` carries it ("title.en", "scores.<id>.score"), or for a form
   * sent as an object, the path within the form's own values ("lines.0.amount"). Forms look
   * errors up by that name only ("_form" is the form as a whole).
   */
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export const IDLE_FORM: FormState = { status: "idle" };
