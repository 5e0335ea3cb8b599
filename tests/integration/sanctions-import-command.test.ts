// `npm run sanctions:import` as an operator runs it: the import in a process under a small heap
// cap (package.json), then the re-screen of every organisation the new version concerns in a
// process of its own (scripts/sanctions-rescreen.ts), on this file's database.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addKeyPerson } from "@/lib/organisations/key-people";
import { actorFor } from "../factories";
import { staffWorld } from "../factories/staff-world";
import { fsfXml, LISTED, writeTemp } from "../support/sanctions-files";

function importCommand(...args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", "sanctions:import", "--", ...args], { env: { ...process.env }, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("npm run sanctions:import", () => {
  it("imports a version and re-screens the organisation whose director it lists", async () => {
    const w = await staffWorld();
    const member = await actorFor(w.member.id);
    await addKeyPerson(member, { organisationId: w.org.id, role: "DIRECTOR", name: "Чайковский Пётр Ильич", birthDate: "1971-05-07", nationality: "RU" });
    expect(await db.sanctionsMatch.count({ where: { organisationId: w.org.id } })).toBe(0);

    const r = importCommand("--source", "eu-fsf", writeTemp("command.xml", fsfXml([LISTED.official, LISTED.company])));
    expect(r.out).toMatch(/imported eu version [0-9a-f-]{36}: 2 entries \(persons 1, organisations 1\), 4 names; 2 added, 0 removed, 0 changed/);
    expect(r.out).toMatch(/re-screened [1-9]\d* organisations/);
    expect(r.status).toBe(0);
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id } });
    expect(m).toMatchObject({ status: "OPEN", funderId: w.funder.id });
    expect(m.subjectRef).toMatch(/^key-person:/);
    const last = await db.sanctionsScreening.findFirstOrThrow({ where: { organisationId: w.org.id }, orderBy: { createdAt: "desc" } });
    expect(last.trigger).toBe("LIST_UPDATE");
  }, 180_000);
});
