import type { ApplicationStatus } from "@prisma/client";
import { getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<ApplicationStatus, BadgeTone> = {
  DRAFT: "neutral",
  SUBMITTED: "info",
  CLARIFICATION_REQUESTED: "warning",
  INELIGIBLE: "danger",
  ELIGIBLE: "info",
  IN_REVIEW: "info",
  REVIEWED: "info",
  RECOMMENDED: "info",
  APPROVED: "success",
  REJECTED: "danger",
  WITHDRAWN: "neutral",
};

/** Applicants and staff read different words for the same state. */
export async function StatusBadge({ status, audience }: { status: ApplicationStatus; audience: "applicant" | "staff" }) {
  const t = await getTranslations(`status.${audience}`);
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
