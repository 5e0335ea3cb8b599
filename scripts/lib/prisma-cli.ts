import { spawnSync } from "node:child_process";

/** Runs the Prisma CLI (or another npx tool) with the given environment; throws on failure. */
export function npx(args: string[], env: Record<string, string>, quiet = false) {
  const r = spawnSync("npx", args, { stdio: quiet ? "pipe" : "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(r.stderr?.toString() ?? "");
    throw new Error(`npx ${args.join(" ")} failed with status ${r.status}`);
  }
}

export function migrateDeploy(databaseUrl: string) {
  npx(["prisma", "migrate", "deploy"], { DATABASE_URL: databaseUrl }, true);
}
