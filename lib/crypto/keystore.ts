// Key shares kept on disk (KEY_SHARE_DIR), outside the database, the uploaded files and
// their backups. A data key is wrapped under a key derived from the master key *and* its
// share: deleting the share (emergency erase) makes what the key sealed unrecoverable
// from any database dump or file copy, even one taken before the erase with the master
// key at hand — as long as no backup of the share folder itself outlives its retention.
/* eslint-disable security/detect-non-literal-fs-filename -- paths are built only from validated UUIDs under KEY_SHARE_DIR */
import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

const SHARE_BYTES = 32;
// A subject's id, with ".<generation>" from its second data key on (key renewal).
const isShareId = (id: string) => {
  const [subject, generation, ...rest] = id.split(".");
  return rest.length === 0 && /^[0-9a-f-]{36}$/.test(subject ?? "") && (generation === undefined || /^[1-9]\d{0,8}$/.test(generation));
};

function sharePath(id: string): string {
  if (!isShareId(id)) throw new Error("bad key share id");
  return path.resolve(env().KEY_SHARE_DIR, id);
}

/** The share of a subject's data key of that generation (1: the subject's id alone). */
export const shareId = (subjectId: string, generation = 1) => (generation === 1 ? subjectId : `${subjectId}.${generation}`);

/** Flushes a file, then its folder's entry, so a crash cannot leave it half-written or unnamed. */
export function fsyncPath(file: string) {
  for (const [p, flags] of [[file, "r"], [path.dirname(file), "r"]] as const) {
    const fd = openSync(p, flags);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * A new share. One left by a transaction that rolled back (no key row uses it) is
 * replaced: `replace` is for callers that know no key row refers to it.
 */
export function createShare(id: string, replace = false): Buffer {
  const file = sharePath(id);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (replace) destroyShare(id);
  const share = randomBytes(SHARE_BYTES);
  writeFileSync(file, share, { mode: 0o600, flag: "wx" });
  fsyncPath(file);
  return share;
}

/** Every share of a subject, whatever its generation (erase destroys them all). */
export function destroyAllShares(subjectId: string) {
  if (!/^[0-9a-f-]{36}$/.test(subjectId)) throw new Error("bad key share id");
  const dir = path.resolve(env().KEY_SHARE_DIR);
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if ((f === subjectId || f.startsWith(`${subjectId}.`)) && isShareId(f)) destroyShare(f);
}

export function readShare(id: string): Buffer | null {
  const file = sharePath(id);
  return existsSync(file) ? readFileSync(file) : null;
}

/** Overwrites the share with random bytes, flushes, then removes it. */
export function destroyShare(id: string) {
  destroyShareFile(sharePath(id));
}

function destroyShareFile(file: string) {
  if (!existsSync(file)) return;
  const fd = openSync(file, "r+");
  try {
    writeSync(fd, randomBytes(SHARE_BYTES), 0, SHARE_BYTES, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(file, { force: true });
}

/** The wrapping key for one subject: HKDF-SHA256(master key, share). */
export function wrappingKey(master: Buffer, share: Buffer, context: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, share, `most:wrap:${context}`, 32));
}

const within = (inner: string, outer: string) => {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** The path with symbolic links resolved as far as it exists (a link must not hide an overlap). */
function real(p: string): string {
  const abs = path.resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = path.dirname(abs);
  return parent === abs ? abs : path.join(real(parent), path.basename(abs));
}

/**
 * Why the share folder may not be used, or null. Shares inside the storage folder or a
 * folder backed up with the database would let an old copy undo an erase.
 */
export function shareLocationProblem(e: Pick<ReturnType<typeof env>, "KEY_SHARE_DIR" | "STORAGE_DIR" | "MOST_BACKED_UP_DIRS" | "MOST_ALLOW_SHARES_IN_BACKUPS"> = env()): string | null {
  const shares = real(e.KEY_SHARE_DIR);
  const storage = real(e.STORAGE_DIR);
  if (within(shares, storage) || within(storage, shares)) return `KEY_SHARE_DIR (${shares}) overlaps STORAGE_DIR (${storage}): keep key shares apart from the uploaded files and their backups`;
  if (e.MOST_ALLOW_SHARES_IN_BACKUPS === "1") return null;
  for (const dir of e.MOST_BACKED_UP_DIRS.split(",").map((d) => d.trim()).filter(Boolean)) {
    const backed = real(dir);
    if (within(shares, backed) || within(backed, shares)) return `KEY_SHARE_DIR (${shares}) overlaps ${backed}, which MOST_BACKED_UP_DIRS says is backed up: an old backup would undo an emergency erase (set MOST_ALLOW_SHARES_IN_BACKUPS=1 to accept that)`;
  }
  return null;
}

/**
 * Start-up: refuses a share folder that backups would copy, and moves shares left by
 * earlier versions in STORAGE_DIR/keys/ to KEY_SHARE_DIR (overwriting the old files).
 */
export function prepareShareFolder(): { moved: number } {
  const problem = shareLocationProblem();
  if (problem) throw new Error(problem);
  mkdirSync(env().KEY_SHARE_DIR, { recursive: true, mode: 0o700 });
  const legacy = path.resolve(env().STORAGE_DIR, "keys");
  if (!existsSync(legacy)) return { moved: 0 };
  let moved = 0;
  for (const id of readdirSync(legacy).filter((f) => /^[0-9a-f-]{36}$/.test(f))) {
    // The web process and the worker may start together: whoever comes second skips.
    try {
      if (!existsSync(sharePath(id))) {
        writeFileSync(sharePath(id), readFileSync(path.join(legacy, id)), { mode: 0o600, flag: "wx" });
        fsyncPath(sharePath(id)); // on disk before the old copy goes
      }
      destroyShareFile(path.join(legacy, id));
      moved++;
    } catch (e) {
      if (!["EEXIST", "ENOENT"].includes((e as NodeJS.ErrnoException).code ?? "")) throw e;
    }
  }
  rmSync(legacy, { recursive: true, force: true });
  return { moved };
}
