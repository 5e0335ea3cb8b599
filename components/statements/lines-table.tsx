// Statement lines as finance reads them: amount and direction, the bank's references, what
// the portal made of each (booked, returned, to check…) and why; payees as masked accounts
// and grant numbers only. `actions` adds finance's buttons to lines still to decide.
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { StatementLineView } from "@/lib/bank/statements";
import { Badge, type BadgeTone } from "../ui/badge";
import { Table, Td, Th } from "../ui/table";

const TONE: Record<StatementLineView["outcome"], BadgeTone> = { BOOKED: "success", RETURNED: "danger", UNMATCHED: "warning", REPEATED: "neutral", IGNORED: "neutral" };

export async function LinesTable({ lines, caption, money, day, actions, testId }: {
  lines: StatementLineView[];
  caption: string;
  money: (amount: string, currency: string) => string;
  day: (iso: string) => string;
  actions?: (line: StatementLineView) => ReactNode;
  testId: string;
}) {
  const t = await getTranslations("statements");
  const tb = await getTranslations("batches");
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{t("bookingDate")}</Th><Th className="text-right">{t("amount")}</Th><Th>{t("references")}</Th><Th>{t("outcomeLabel")}</Th><Th>{t("payment")}</Th>
          {actions ? <Th>{tb("actions")}</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100" data-testid={testId}>
        {lines.map((l) => {
          const p = l.payment ?? l.suggestion;
          return (
            <tr key={l.id}>
              <Td>{l.bookingDate ? day(l.bookingDate) : "—"}</Td>
              <Td className="text-right whitespace-nowrap">{l.creditDebit === "DBIT" ? "−" : "+"}{money(l.amount, l.currency)}</Td>
              <Td className="space-y-1 text-xs">
                {l.endToEndId ? <span className="block font-mono">{l.endToEndId}</span> : null}
                {l.bankReference ? <span className="block font-mono text-slate-600">{t("bankReference", { ref: l.bankReference })}</span> : null}
                {l.counterpartyMasked ? <span className="block font-mono text-slate-600">{l.counterpartyMasked}</span> : null}
              </Td>
              <Td className="space-y-1">
                <Badge tone={TONE[l.outcome]}>{t(`outcome.${l.outcome}`)}</Badge>
                {l.issue ? <span className="block text-xs text-slate-700">{t(`issue.${l.issue}`)}</span> : null}
                {l.returnReason ? <span className="block text-xs text-slate-700">{t("bank.reason", { code: l.returnReason })}</span> : null}
              </Td>
              <Td className="text-sm">
                {p ? (
                  <>
                    {l.suggestion && !l.payment ? <span className="block text-xs text-slate-600">{t("suggested")}</span> : null}
                    <Link className="text-brand-700 underline" href={`/staff/grants/${p.grantId}`}>{tb("trancheLabel", { grant: p.grantNumber, sequence: p.sequence })}</Link>
                    <span className="block font-mono text-xs text-slate-600">{p.batchReference}</span>
                  </>
                ) : "—"}
              </Td>
              {actions ? <Td>{l.outcome === "UNMATCHED" ? actions(l) : null}</Td> : null}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
