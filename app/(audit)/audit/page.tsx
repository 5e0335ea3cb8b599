import { getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { recentExports } from "@/lib/audit/export";
import { checkAuditChain, funderNamesFor, listRecentAuditEvents } from "@/lib/audit/queries";
import { guardArea } from "@/lib/auth/guard";
import { PLATFORM_STREAM } from "@/lib/audit/chain";
import { CHECKPOINT_INTERVAL_MINUTES, currentPublicKey, latestCheckpoints } from "@/lib/audit/checkpoints";
import { SignCheckpointsForm, VerifyCheckpointsForm } from "@/components/audit/checkpoint-forms";
import { isoDayFromNow } from "@/lib/time";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditLanding() {
  const actor = await guardArea("audit", "/audit");
  const t = await getTranslations("audit");
  const tr = await getTranslations("roles");
  const format = await getFormats();
  // Codes stored before a label existed are shown as they are rather than hidden.
  const label = (translate: typeof t | typeof tr, key: string, code: string) => (translate.has(key) ? translate(key) : code);
  const [chain, events, exports, checkpoints] = await Promise.all([checkAuditChain(actor), listRecentAuditEvents(actor), recentExports(actor), latestCheckpoints(actor)]);
  const funderNames = await funderNamesFor(actor);
  const publicKey = currentPublicKey();
  const streamName = (stream: string) => (stream === PLATFORM_STREAM ? t("platformStream") : (funderNames.get(stream) ?? stream));
  const [today, monthAgo] = [isoDayFromNow(0), isoDayFromNow(-30)];
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("chainTitle")}>
        {chain.ok ? (
          <Alert tone="success">
            <span data-testid="chain-status">{t("chainOkStreams", { streams: chain.streams.length, events: chain.events })}</span>
            <span className="mt-1 block break-all font-mono text-xs">{chain.headHash}</span>
          </Alert>
        ) : (
          <Alert tone="error">
            <span data-testid="chain-status">{t("chainBrokenAt", { stream: streamName(chain.stream), seq: chain.seq, reason: t(`chainReason.${chain.reason}`) })}</span>
          </Alert>
        )}
      </Card>
      <Card title={t("checkpointsTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("checkpointsIntro", { minutes: CHECKPOINT_INTERVAL_MINUTES })}</p>
        <Table caption={t("checkpointsTitle")}>
          <thead>
            <tr>
              <Th>{t("stream")}</Th>
              <Th>{t("position")}</Th>
              <Th>{t("signedUpTo")}</Th>
              <Th>{t("signedAt")}</Th>
              <Th>{t("key")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="checkpoints">
            {checkpoints.map((c) => (
              <tr key={c.stream}>
                <Td>{streamName(c.stream)}</Td>
                <Td>{format.number(Number(c.headSeq))}</Td>
                <Td>{c.checkpoint ? format.number(Number(c.checkpoint.seq)) : "—"}</Td>
                <Td className="whitespace-nowrap">{c.checkpoint ? format.dateTime(new Date(c.checkpoint.at), { dateStyle: "short", timeStyle: "medium" }) : t("noCheckpoint")}</Td>
                <Td className="font-mono text-xs">{c.checkpoint?.keyId ?? "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {publicKey ? (
          <p className="mt-3 text-sm text-slate-700">
            {t("publicKey")} <span className="block break-all font-mono text-xs" data-testid="audit-public-key">{publicKey}</span>
          </p>
        ) : (
          <div className="mt-3"><Alert tone="error">{t("noSigningKey")}</Alert></div>
        )}
        <div className="mt-3 flex flex-wrap items-start gap-2">
          <a className={buttonClass("secondary")} href="/api/audit/checkpoints" download data-testid="download-checkpoints">{t("downloadCheckpoints")}</a>
          <SignCheckpointsForm />
        </div>
      </Card>
      <Card title={t("verifyTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("verifyIntro")}</p>
        <VerifyCheckpointsForm />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("openDataTitle")}>
          <p className="mb-3 text-sm text-slate-700">{t("openDataIntro")}</p>
          <div className="flex flex-wrap gap-2" data-testid="open-data-links">
            <a className={buttonClass("secondary")} href="/api/exports/iati" download>{t("iati")}</a>
            <a className={buttonClass("secondary")} href="/api/exports/360giving?format=json" download>{t("threeSixtyJson")}</a>
            <a className={buttonClass("secondary")} href="/api/exports/360giving?format=csv" download>{t("threeSixtyCsv")}</a>
          </div>
        </Card>
        <Card title={t("trailTitle")}>
          <form method="get" action="/api/exports/audit" className="grid gap-3 sm:grid-cols-3" data-testid="trail-export">
            <Field id="trail-from" label={t("from")}>
              <Input id="trail-from" name="from" type="date" required defaultValue={monthAgo} />
            </Field>
            <Field id="trail-to" label={t("to")}>
              <Input id="trail-to" name="to" type="date" required defaultValue={today} />
            </Field>
            <Field id="trail-format" label={t("format")}>
              <Select id="trail-format" name="format" defaultValue="csv">
                <option value="csv">CSV</option>
                <option value="json">JSON</option>
              </Select>
            </Field>
            <div className="sm:col-span-3">
              <button type="submit" className={buttonClass("primary")}>{t("exportTrail")}</button>
            </div>
          </form>
        </Card>
      </div>
      <Card title={t("exportsTitle")}>
        {exports.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noExports")}</p>
        ) : (
          <Table caption={t("exportsTitle")}>
            <thead>
              <tr>
                <Th>{t("time")}</Th>
                <Th>{t("exportKind")}</Th>
                <Th>{t("format")}</Th>
                <Th>{t("redaction")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="recent-exports">
              {exports.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</Td>
                  <Td>{label(t, `exportKinds.${e.kind}`, e.kind)}</Td>
                  <Td className="uppercase">{e.format}</Td>
                  <Td>{e.unredacted ? t("unredacted") : t("redacted")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title={t("recentTitle")}>
        {events.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noEvents")}</p>
        ) : (
          <Table caption={t("recentTitle")}>
            <thead>
              <tr>
                <Th>{t("time")}</Th>
                <Th>{t("action")}</Th>
                <Th>{t("entity")}</Th>
                <Th>{t("role")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="recent-events">
              {events.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</Td>
                  <Td>{label(t, `event.${e.action}`, e.action)}</Td>
                  <Td>{label(t, `entityType.${e.entityType}`, e.entityType)}</Td>
                  <Td>{e.actorRole ? label(tr, e.actorRole, e.actorRole) : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
