// Result of a form action, shared by server actions and the client forms that show it.
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export const IDLE_FORM: FormState = { status: "idle" };
