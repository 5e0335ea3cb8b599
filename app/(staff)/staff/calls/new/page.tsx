import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallForm } from "@/components/staff/call-form";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { listProgrammesForCalls } from "@/lib/calls/staff-queries";
import { createCallAction } from "../../actions";

export default async function NewCallPage() {
  const actor = await guardArea("staff", "/staff/calls/new");
  const programmes = await listProgrammesForCalls(actor);
  if (programmes.length === 0) forbidden();
  const t = await getTranslations("staffCalls");
  const empty = { en: "", ru: "", cs: "", uk: "" };
  return (
    <div className="space-y-6">
      <PageHeader title={t("new")} description={t("newIntro")} />
      <Card>
        <CallForm
          action={createCallAction}
          programmes={programmes}
          criteriaLocked={false}
          submitLabel={t("create")}
          initial={{
            programmeId: programmes[0]!.id,
            kind: "REGULAR",
            title: empty,
            summary: empty,
            eligibilitySummary: empty,
            languages: ["en", "ru"],
            opensAt: "",
            closesAt: "",
            envelope: "",
            minGrant: "",
            maxGrant: "",
            cofinancingPct: "0",
            overheadLimitPct: "7",
            eligibility: [{ ...empty }],
            scoring: [{ ...empty, weight: "50" }, { ...empty, weight: "50" }],
          }}
        />
      </Card>
    </div>
  );
}
