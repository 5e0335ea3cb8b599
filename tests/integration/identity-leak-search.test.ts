// Issue 13's check, as an attacker holding copies would run it: after the demo journeys, a
// plain dump of every table, the storage folder and the server logs are searched for every
// protected organisation's identity (legal and display name, registration number, contacts,
// its members' names and e-mails; as written, in any letter case, transliterated, as UTF-8,
// UTF-16, hex or base64): nothing may be found. The same after an emergency erase, and a
// copy of the storage folder taken before the erase, with a dump of that time and the master
// key, must not reopen the erased identity.
import { byEmail } from "@/lib/users/personal-data";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerClarification, askClarification } from "@/lib/applications/clarifications";
import { addApplicationAttachment } from "@/lib/applications/attachments";
import { startApplication } from "@/lib/applications/commands";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { db } from "@/lib/db";
import { confirmDecision, recommendDecision } from "@/lib/decisions/commands";
import { saveSchedule } from "@/lib/grants/schedule";
import { inviteMember } from "@/lib/organisations/commands";
import { emergencyErase } from "@/lib/organisations/erase";
import { openIdentity, type OrganisationIdentity } from "@/lib/organisations/identity";
import { deliverNotification, pendingNotificationIds } from "@/lib/notifications/deliver";
import { backgroundMailSettled } from "@/lib/notifications/outbox";
import { submitReport } from "@/lib/reports/commands";
import { DEMO_ACCOUNTS, ORGANISATIONS } from "@/prisma/seed/demo-data";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { ownerDb } from "@/scripts/lib/owner-client";
import { describeHits, searchBytes, type Hit, type Needle } from "../support/identity-search";

// A storage folder of this file's own, set before anything reads the environment (lib/env.ts
// reads it on first use and keeps it).
const storage = mkdtempSync(path.join(tmpdir(), "most-leak-storage-"));
process.env.STORAGE_DIR = storage;
const evidence = mkdtempSync(path.join(tmpdir(), "most-leak-evidence-"));

// The server logs: everything written through console while the journeys run.
const logs: string[] = [];
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(format(...args)));
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj<< /Title (${text}) >>endobj\n${text}\ntrailer<<>>\n%%EOF\n`);
/** The address a member of northern invites: a person of a protected organisation too. */
const INVITED = "irina.sokolova@severny-centre.example";

type Protected = { key: string; id: string; identity: OrganisationIdentity; needles: Needle[] };
let protectedOrgs: Protected[] = [];
const allNeedles = () => protectedOrgs.flatMap((o) => o.needles);

async function actorByEmail(email: string): Promise<Actor> {
  return actorForUser((await db.user.findUniqueOrThrow({ where: byEmail(email), select: { id: true } })).id);
}

/** What mimics a protected organisation's journeys through the portal, on the demo data. */
async function journeys() {
  const orgId = (key: string) => protectedOrgs.find((o) => o.key === key)!.id;
  const [officer, approver, anna] = await Promise.all(["officer@demo.most", "approver@demo.most", "applicant@demo.most"].map(actorByEmail));
  const northern = orgId("northern");
  const legal = ORGANISATIONS.find((o) => o.key === "northern")!.legalName;

  // A draft with a file whose name carries the registration number.
  const emergency = await db.call.findFirstOrThrow({ where: { kind: "EMERGENCY", status: "OPEN" } });
  const draft = await startApplication(anna!, { callId: emergency.id, organisationId: northern });
  await addApplicationAttachment(anna!, draft, new File([pdf(`Charter of ${legal}`)], "Severny_registration_1127800001234.pdf"));

  // A clarification answered with a file.
  const submitted = await db.application.findFirstOrThrow({ where: { organisationId: northern, status: "SUBMITTED" } });
  const question = await askClarification(officer!, submitted.id, "Please send the extract from the register.");
  await answerClarification(anna!, submitted.id, question, "Attached.", [new File([pdf(`Register extract: ${legal}, OGRN 1127800001234`)], "Severny_extract_1127800001234.pdf")]);

  // A member invited.
  await inviteMember(anna!, { organisationId: northern, email: INVITED, role: "MEMBER" });

  // A member asks for a password reset while the mail server is down: the failure is logged.
  vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:9");
  await requestPasswordReset("contact.volga@demo.most", null);
  await backgroundMailSettled();
  vi.unstubAllEnvs();

  // A grant to another protected organisation, and its report with a file.
  const familiesId = orgId("families");
  const families = ORGANISATIONS.find((o) => o.key === "families")!;
  const app = await db.application.findFirstOrThrow({ where: { organisationId: familiesId, status: "SUBMITTED" } });
  const decision = await recommendDecision(officer!, { applicationId: app.id, kind: "APPROVE", amount: app.requestedAmount!.toFixed(2), reasonsForApplicant: "Urgent and well argued." });
  const { grantId } = await confirmDecision(approver!, decision);
  const grant = await db.grant.findUniqueOrThrow({ where: { id: grantId! } });
  await saveSchedule(officer!, { grantId: grant.id, version: grant.version, tranches: [{ plannedAmount: grant.amount.toFixed(2), plannedDate: `${new Date().getUTCFullYear() + 1}-02-01`, condition: "NONE" }] });
  const report = await db.report.findFirstOrThrow({ where: { grantId: grant.id, kind: "FINAL" } });
  const budget = await db.grantBudget.findFirstOrThrow({ where: { grantId: grant.id, status: "CONFIRMED" }, orderBy: { version: "desc" }, include: { lines: true } });
  const lines = budget.lines.length;
  const member = await db.membership.findFirstOrThrow({ where: { organisationId: familiesId }, select: { userId: true } });
  await submitReport(await actorForUser(member.userId), {
    reportId: report.id,
    narrative: "Lawyers visited twelve detainees.",
    spent: Array.from({ length: lines }, () => "1000.00"),
    files: [new File([pdf(`Financial statement of ${families.legalName}`)], "families_statement.pdf")],
  });
  // The worker's part: every notification of these journeys e-mailed (delivery rows, mailbox).
  for (const id of await pendingNotificationIds()) await deliverNotification(id);
  await backgroundMailSettled();
  expect(logs.some((l) => l.includes("password reset e-mail failed"))).toBe(true);
}

/**
 * The needles of one protected organisation: its sealed identity, and its members as the demo
 * created them (taken from the demo data, not from User columns, which may stop holding them).
 */
function needlesOf(key: string, identity: OrganisationIdentity): Needle[] {
  const fields = ["legalName", "displayName", "registrationNumber", "contactName", "contactEmail", "contactPhone"] as const;
  const email = identity.contactEmail!;
  const needles: Needle[] = [
    ...fields.flatMap((f) => (identity[f] ? [{ label: `${key}.${f}`, value: identity[f]! }] : [])),
    { label: `${key}.member.name`, value: DEMO_ACCOUNTS.find((a) => a.email === email)?.name ?? identity.contactName! },
    { label: `${key}.member.email`, value: email },
    ...(key === "northern" ? [{ label: `${key}.invited.email`, value: INVITED }] : []),
  ];
  const seen = new Set<string>();
  return needles.filter((n) => !seen.has(n.value) && seen.add(n.value));
}

/**
 * A plain dump of every table in every schema of the database, as the owner reads it: each
 * row as JSON (bytea as hex). Not pg_dump: the embedded PostgreSQL 17 ships none, and
 * Debian 12's pg_dump 15 refuses a 17 server (docs/operations.md, Backups).
 */
async function dumpDatabase(): Promise<Array<{ table: string; rows: Array<Record<string, unknown>> }>> {
  const owner = ownerDb();
  const tables = await owner.$queryRawUnsafe<Array<{ schemaname: string; tablename: string }>>(
    `SELECT schemaname::text AS schemaname, tablename::text AS tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out = [];
  for (const t of tables) {
    const name = `"${t.schemaname.replace(/"/g, '""')}"."${t.tablename.replace(/"/g, '""')}"`;
    const rows = await owner.$queryRawUnsafe<Array<{ j: string }>>(`SELECT row_to_json(t)::text AS j FROM ${name} t`);
    out.push({ table: t.schemaname === "public" ? t.tablename : `${t.schemaname}.${t.tablename}`, rows: rows.map((r) => JSON.parse(r.j) as Record<string, unknown>) });
  }
  return out;
}

type Dump = Awaited<ReturnType<typeof dumpDatabase>>;

function searchDump(dump: Dump, needles: Needle[], label: string): Hit[] {
  const lines: string[] = [];
  const hits: Hit[] = [];
  for (const { table, rows } of dump) {
    lines.push(`-- ${table}`);
    for (const row of rows) {
      const text = JSON.stringify(row);
      lines.push(text);
      if (searchBytes(text, table, needles).length === 0) continue;
      // Which column: the row is searched whole first, its columns only when it holds something.
      for (const [column, value] of Object.entries(row)) {
        hits.push(...searchBytes(JSON.stringify(value), `${label} ${table}.${column} (row id ${String(row.id ?? "?")})`, needles));
      }
    }
  }
  writeFileSync(path.join(evidence, `${label.replace(/\W+/g, "-")}.jsonl`), lines.join("\n"));
  return hits;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

function searchStorage(dir: string, needles: Needle[], label: string): Hit[] {
  return filesUnder(dir).flatMap((file) => {
    const rel = path.relative(dir, file);
    return [...searchBytes(rel, `${label} file name ${rel}`, needles), ...searchBytes(readFileSync(file), `${label} file ${rel}`, needles)];
  });
}

function searchLogs(needles: Needle[]): Hit[] {
  writeFileSync(path.join(evidence, "logs.txt"), logs.join("\n"));
  return logs.flatMap((line, i) => searchBytes(line, `log line ${i + 1}: ${JSON.stringify(line.slice(0, 100))}`, needles));
}

function report(hits: Hit[]): string {
  const text = describeHits(hits);
  if (text) writeFileSync(path.join(evidence, "hits.txt"), `${text}\n`, { flag: "a" });
  return text;
}

beforeAll(async () => {
  await seedDemo();
  const orgs = await db.organisation.findMany({ where: { isProtected: true }, include: { key: true } });
  protectedOrgs = [];
  for (const o of orgs) {
    const identity = openIdentity(o, o.key)!;
    const key = ORGANISATIONS.find((d) => d.legalName === identity.legalName)!.key;
    protectedOrgs.push({ key, id: o.id, identity, needles: needlesOf(key, identity) });
  }
  await journeys();
}, 180_000);

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(storage, { recursive: true, force: true });
  // The evidence stays for whoever reads a failure; a clean run leaves nothing behind.
  if (!existsSync(path.join(evidence, "hits.txt"))) rmSync(evidence, { recursive: true, force: true });
});

describe("a protected organisation's identity, searched in copies of the data", () => {
  it("after the demo journeys: no hit in a dump of every table, the storage folder or the logs", async () => {
    expect(protectedOrgs.map((o) => o.key).sort()).toEqual(["families", "northern", "siberian", "volga"]);
    expect(allNeedles().map((n) => n.value)).toEqual(expect.arrayContaining(["ANO Severny pravozashchitny tsentr", "1127800001234", "applicant@demo.most", INVITED]));
    const hits = [...searchDump(await dumpDatabase(), allNeedles(), "dump"), ...searchStorage(storage, allNeedles(), "storage"), ...searchLogs(allNeedles())];
    expect(report(hits), `${hits.length} hits (all of them in ${evidence}/hits.txt)`).toBe("");
  }, 120_000);

  describe("after an emergency erase of one of them", () => {
    const storageBefore = path.join(evidence, "storage-before-erase");
    let dumpBefore: Dump;
    let erased: Protected;
    let memberIds: string[];
    let orgIds: string[]; // the organisation and its applications: a row naming either belongs to it

    beforeAll(async () => {
      erased = protectedOrgs.find((o) => o.key === "northern")!;
      memberIds = (await db.membership.findMany({ where: { organisationId: erased.id }, select: { userId: true } })).map((m) => m.userId);
      orgIds = [erased.id, ...(await db.application.findMany({ where: { organisationId: erased.id }, select: { id: true } })).map((a) => a.id)];
      dumpBefore = await dumpDatabase();
      cpSync(storage, storageBefore, { recursive: true });
      const admin = await actorForUser((await db.user.findUniqueOrThrow({ where: byEmail("admin@demo.most") })).id);
      await emergencyErase(admin, erased.id, "Raid reported by partners");
    }, 60_000);

    it("nothing of the erased organisation is left in the dump, the storage folder or the logs", async () => {
      const dump = await dumpDatabase();
      const hits = [...searchDump(dump, erased.needles, "dump after erase"), ...searchStorage(storage, erased.needles, "storage after erase"), ...searchLogs(erased.needles)];
      // A row naming both the erased organisation (or one of its applications) and one of its
      // former members ties that person to it even when neither is readable (memberships,
      // authors, audit events).
      for (const { table, rows } of dump) {
        for (const row of rows) {
          const text = JSON.stringify(row);
          const member = memberIds.find((id) => text.includes(id));
          if (member && orgIds.some((id) => text.includes(id))) hits.push({ needle: `${erased.key}.member.userId`, value: member, variant: "with the organisation's id", encoding: "utf-8", where: `dump after erase ${table} (row id ${String(row.id ?? "?")})`, context: text.slice(0, 150) });
        }
      }
      expect(report(hits), `${hits.length} hits (all of them in ${evidence}/hits.txt)`).toBe("");
    }, 120_000);

    it("the storage folder copied before the erase, a dump of that time and the master key do not reopen the identity", () => {
      const row = (table: string, match: (r: Record<string, unknown>) => boolean) => dumpBefore.find((t) => t.table === table)?.rows.find(match);
      const org = row("Organisation", (r) => r.id === erased.id)!;
      const key = row("OrganisationKey", (r) => r.organisationId === erased.id)!;
      const bytes = (v: unknown) => (typeof v === "string" && v.startsWith("\\x") ? new Uint8Array(Buffer.from(v.slice(2), "hex")) : null);
      expect(bytes(org.identity)).not.toBeNull();
      // The thief restores the old copy of the storage folder where the portal keeps it.
      cpSync(storageBefore, storage, { recursive: true, force: true });
      let reopened: OrganisationIdentity | null = null;
      try {
        reopened = openIdentity({ id: erased.id, identity: bytes(org.identity) }, { wrappedKey: bytes(key.wrappedKey), masterKeyId: String(key.masterKeyId), destroyedAt: null });
      } catch {
        reopened = null; // a wrong or missing share fails authentication: nothing opens
      }
      expect(reopened?.legalName ?? null, "the erased identity was reopened from the copies").toBeNull();
    });
  });
});
