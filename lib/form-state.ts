// Result of a form action, shared by server actions and the client forms that show it.
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  /** The AppError code, for forms that react to a specific failure (e.g. staleVersion). */
  code?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export const IDLE_FORM: FormState = { status: "idle" };
