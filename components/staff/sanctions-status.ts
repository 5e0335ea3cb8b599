import type { BadgeTone } from "../ui/badge";

export function statusTone(status: string): BadgeTone {
  if (status === "CONFIRMED") return "danger";
  if (status === "CLEARED" || status === "LAPSED") return "success";
  return "warning";
}
