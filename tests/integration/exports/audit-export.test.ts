// The audit-trail export holds exactly the auditor's funders' events of the period, in CSV
// and JSON, and is itself an audit event. (Chain tampering: tests/integration/audit-trail.test.ts.)
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { auditTrailExport, ZAuditExport } from "@/lib/audit/export";
import { writeAudit } from "@/lib/audit/write";
import { verifyChain } from "@/lib/audit/verify";
import { signCheckpoints, trustedKeys } from "@/lib/audit/checkpoints";
import { anchorsFrom } from "@/lib/audit/checkpoint-anchors";
import { parseTrail, verifyTrailEvents } from "@/lib/audit/verify-trail";
import { actorFor, makeFunder, makeStaff, makeUser } from "../../factories";
import { parseCsv, readAll } from "./world";

let auditor: Actor;
let funderA: string;
const inside: string[] = [];

async function eventAt(iso: string, funderId: string | null, note: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
  try {
    const { id } = await db.$transaction((tx) => writeAudit(tx, null, { action: "keys.rotated", entityType: "Instance", entityId: note, funderId, after: { note, formula: "=1+1" } }));
    return id.toString();
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  const a = await makeFunder();
  const b = await makeFunder();
  funderA = a.id;
  auditor = await makeStaff(a.id, "AUDITOR");
  await eventAt("2026-02-28T23:59:59.999Z", a.id, "before");
  inside.push(await eventAt("2026-03-01T00:00:00.000Z", a.id, "first"));
  await eventAt("2026-03-10T10:00:00.000Z", b.id, "other funder");
  await eventAt("2026-03-10T11:00:00.000Z", null, "no funder");
  inside.push(await eventAt("2026-03-15T12:00:00.000Z", a.id, "middle"));
  inside.push(await eventAt("2026-03-31T23:59:59.999Z", a.id, "last"));
  // The worker's checkpoint of that moment: inside the period, at the position of "last".
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-31T23:59:59.999Z"));
  await signCheckpoints(new Date()).finally(() => vi.useRealTimers());
  await eventAt("2026-04-01T00:00:00.000Z", a.id, "after");
}, 60_000);

afterEach(() => vi.useRealTimers());

const period = (format: "csv" | "json") => ZAuditExport.parse({ from: "2026-03-01", to: "2026-03-31", format });

describe("audit trail export", () => {
  it("CSV: exactly the auditor's funders' events in the period", async () => {
    const file = await auditTrailExport(auditor, period("csv"));
    expect(file.fileName).toBe("audit-trail-2026-03-01_2026-03-31.csv");
    const [header, ...rest] = parseCsv((await readAll(file.stream)).toString("utf8"));
    expect(header!.slice(0, 5)).toEqual(["id", "stream", "streamSeq", "at", "actorId"]);
    const rows = rest.filter((r) => /^\d+$/.test(r[0] ?? ""));
    expect(rows.map((r) => r[0])).toEqual(inside);
    const expected = await db.auditEvent.findMany({
      where: { funderId: { in: [funderA] }, at: { gte: new Date("2026-03-01T00:00:00Z"), lt: new Date("2026-04-01T00:00:00Z") } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r[0])).toEqual(expected.map((e) => e.id.toString()));
    expect(rows.map((r) => r[header!.indexOf("hash")])).toEqual(expected.map((e) => e.hash));
    expect(rest.find((r) => r[0] === "Stream head")?.slice(1, 2)).toEqual([funderA]);
  });

  it("JSON: parses, with the same events and their content", async () => {
    const file = await auditTrailExport(auditor, period("json"));
    const text = (await readAll(file.stream)).toString("utf8");
    const doc = JSON.parse(text) as { from: string; to: string; heads: { stream: string; lastSeq: string; hash: string }[]; checkpoints: unknown[]; events: Array<{ id: string; funderId: string; after: { note: string } }> };
    expect(doc).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    expect(doc.events.map((e) => e.id)).toEqual(inside);
    expect(doc.events.map((e) => e.after.note)).toEqual(["first", "middle", "last"]);
    expect(new Set(doc.events.map((e) => e.funderId))).toEqual(new Set([funderA]));
    const head = await db.auditHead.findUniqueOrThrow({ where: { stream: funderA } });
    expect(doc.heads.map((h) => h.stream)).toEqual([funderA]);
    expect(BigInt(doc.heads[0]!.lastSeq)).toBeLessThanOrEqual(head.lastSeq);
    // Verifiable offline, event by event; one changed character is found.
    const trail = parseTrail(text);
    if (!trail.ok) throw new Error(trail.message);
    expect(verifyTrailEvents(trail.events, []).reports).toMatchObject([{ ok: true, events: 3, stream: funderA }]);
    const changed = parseTrail(text.replace('"note":"middle"', '"note":"midd1e"'));
    expect(changed.ok && verifyTrailEvents(changed.events, []).reports).toMatchObject([{ ok: false, reason: "hash", brokenAt: inside[1] }]);
  });

  it("carries the signed checkpoints of its period, which verify the file offline with the public key alone", async () => {
    const text = (await readAll((await auditTrailExport(auditor, period("json"))).stream)).toString("utf8");
    const held = anchorsFrom(text, trustedKeys());
    if (!held.ok) throw new Error(held.message);
    const trail = parseTrail(text);
    if (!trail.ok) throw new Error(trail.message);
    expect(verifyTrailEvents(trail.events, held.anchors)).toMatchObject({ reports: [{ ok: true, anchorsChecked: 1 }] });
    // Without the right key, the file's checkpoints are refused.
    expect(anchorsFrom(text, new Map())).toMatchObject({ ok: false, problem: "signature" });
  });

  it("is itself audited, and the chain still verifies", async () => {
    const before = await db.auditEvent.count({ where: { action: "export.created", actorId: auditor.userId, entityId: "audit-trail" } });
    await readAll((await auditTrailExport(auditor, period("json"))).stream);
    const events = await db.auditEvent.findMany({ where: { action: "export.created", actorId: auditor.userId, entityId: "audit-trail" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.after).toMatchObject({ kind: "audit-trail", format: "json", filters: { from: "2026-03-01", to: "2026-03-31" } });
    expect(await verifyChain()).toMatchObject({ ok: true });
  });

  it("shows in the audit trail of every funder whose data it covers", async () => {
    const [x, y] = [await makeFunder(), await makeFunder()];
    const both = await actorFor((await makeUser({ roles: [{ funderId: x.id, role: "AUDITOR" }, { funderId: y.id, role: "AUDITOR" }] })).id);
    await readAll((await auditTrailExport(both, period("csv"))).stream);
    const events = await db.auditEvent.findMany({ where: { action: "export.created", actorId: both.userId } });
    expect(events.map((e) => e.funderId).sort()).toEqual([x.id, y.id].sort());
    // Each funder's auditor sees it in their own export of the trail.
    const onlyY = await makeStaff(y.id, "AUDITOR");
    const today = new Date().toISOString().slice(0, 10);
    const text = (await readAll((await auditTrailExport(onlyY, ZAuditExport.parse({ from: today, to: today, format: "csv" }))).stream)).toString("utf8");
    expect(text).toContain(both.userId);
  });

  it("is refused to staff without audit.view", async () => {
    const finance = await makeStaff(funderA, "FINANCE");
    await expect(auditTrailExport(finance, period("csv"))).rejects.toMatchObject({ code: "forbidden" });
  });
});
