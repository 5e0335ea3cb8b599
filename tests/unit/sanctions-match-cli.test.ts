// npm run screening:score: the command run for real (tsx), on files written here.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "screening-score-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(csv: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  return new Promise((resolve) => {
    execFile(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/screening-score.ts", file, ...args], { encoding: "utf8" }, (err, stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

// Spawning tsx takes about a second on an idle machine; the timeout covers a busy one.
describe("screening:score", { timeout: 30_000 }, () => {
  it("passes every column through in order and adds score and match; quoting survives", async () => {
    const r = await run('id,name2,note,name1,kind\n7,Chaykovskiy Petr,"a, ""b""",Чайковский Пётр,person\n8,ООО «Ромашка»,,Romashka LLC,organisation\n9,Petrov Ivan,x,Petrovsky Ivan,\n');
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("id,name2,note,name1,kind,score,match");
    expect(lines[1]).toBe('7,Chaykovskiy Petr,"a, ""b""",Чайковский Пётр,person,1.0000,true');
    expect(lines[2]).toMatch(/^8,ООО «Ромашка»,,Romashka LLC,organisation,1\.0000,true$/);
    expect(lines[3]).toMatch(/^9,Petrov Ivan,x,Petrovsky Ivan,,0\.\d{4},false$/);
  });

  it("takes --threshold and --out; refuses a missing column (2), a bad kind (1, no file left), broken CSV (1)", async () => {
    const out = path.join(dir, "out.csv");
    const bad = path.join(dir, "bad-out.csv");
    const [ok, kind, missing, broken] = await Promise.all([
      run("name1,name2\nPetrov Ivan,Petrovsky Ivan\n", "--threshold", "0.5", "--out", out),
      run("name1,name2,kind\na,b,person\nc,d,company\n", "--out", bad),
      run("name1,nom2\nA,B\n"),
      run('name1,name2\n"unclosed,B\n'),
    ]);
    expect(ok.status).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^name1,name2,score,match\nPetrov Ivan,Petrovsky Ivan,0\.\d{4},true\n$/);
    expect(kind.status).toBe(1);
    expect(kind.stderr).toMatch(/row 3: kind must be person or organisation, not "company"/);
    expect(existsSync(bad)).toBe(false);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no name2 column/);
    expect(broken.status).toBe(1);
  });
});
