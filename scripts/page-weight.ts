// The JavaScript a first visit to each applicant-facing page loads, read from the build's output
// (.next after `next build`): the root scripts every page loads plus the chunks of the page's
// layouts, page and error boundaries (its client reference manifest), each gzipped as
// `next start` serves it. Prints one line per route and the framework's share; exits 1 when a
// route is above the budget (issue 19 item 3).
//   npx tsx scripts/page-weight.ts [--budget-kb=100] [--groups=(public),(applicant),(account)]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const budget = Number(arg("budget-kb") ?? 100) * 1000;
const groups = (arg("groups") ?? "(public),(applicant),(account)").split(",");
const NEXT = ".next";

if (!existsSync(path.join(NEXT, "build-manifest.json"))) {
  console.error("no build output: run `npx next build` first");
  process.exit(2);
}
const root: string[] = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")).rootMainFiles;

const gzipped = new Map<string, number>();
const sizeOf = (file: string) => {
  const rel = file.replace(/^\/?_next\//, "").replace(/^\//, "");
  if (!gzipped.has(rel)) gzipped.set(rel, gzipSync(readFileSync(path.join(NEXT, rel))).length);
  return gzipped.get(rel)!;
};

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return manifests(p);
    return name === "page_client-reference-manifest.js" ? [p] : [];
  });
}

type Manifest = { entryJSFiles: Record<string, string[]> };
const rows = groups.flatMap((g) => {
  const dir = path.join(NEXT, "server", "app", g);
  return existsSync(dir) ? manifests(dir) : [];
}).map((file) => {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, Manifest> } };
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const [route, m] = Object.entries(sandbox.globalThis.__RSC_MANIFEST ?? {})[0]!;
  const files = new Set([...root, ...Object.values(m.entryJSFiles).flat()]);
  const bytes = [...files].reduce((sum, f) => sum + sizeOf(f), 0);
  return { route: route.replace(/\/page$/, "").replace(/\/\([a-z]+\)/g, "") || "/", bytes, files: files.size };
}).sort((a, b) => b.bytes - a.bytes);

if (rows.length === 0) {
  console.error(`no pages found under ${groups.join(", ")}`);
  process.exit(2);
}
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const framework = root.reduce((sum, f) => sum + sizeOf(f), 0);
console.log(`root scripts every page loads (React, Next.js runtime): ${kb(framework)} gzipped`);
for (const r of rows) console.log(`${r.bytes > budget ? "✗" : "✓"} ${kb(r.bytes).padStart(9)}  ${r.files} files  ${r.route}`);
const over = rows.filter((r) => r.bytes > budget);
console.log(`${rows.length} routes, largest ${kb(rows[0]!.bytes)}, budget ${kb(budget)}: ${over.length} above (ratio largest / budget ${(rows[0]!.bytes / budget).toFixed(2)})`);
process.exitCode = over.length ? 1 : 0;
