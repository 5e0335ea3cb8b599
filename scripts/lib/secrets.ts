// Local secrets for the demo and tests: generated once into .data/secrets.json (never
// committed). Production sets AUTH_SECRET, MOST_MASTER_KEYS, AUDIT_SIGNING_KEY and MOST_BLIND_INDEX_KEY in the
// environment; the audit key must stay out of the database and its backups, as these do.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { generateSigningKey } from "../../lib/audit/checkpoint";

type Secrets = { AUTH_SECRET: string; MOST_MASTER_KEYS: string; AUDIT_SIGNING_KEY: string; MOST_BLIND_INDEX_KEY: string };

const GENERATE: Record<keyof Secrets, () => string> = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  MOST_MASTER_KEYS: () => `local-1:${randomBytes(32).toString("base64")}`,
  AUDIT_SIGNING_KEY: () => generateSigningKey(`local-${new Date().toISOString().slice(0, 10)}`).signingKey,
  MOST_BLIND_INDEX_KEY: () => randomBytes(32).toString("base64url"),
};

/**
 * The environment's value of each secret, else the one stored in `file`, else a new one
 * (stored). A value taken from the environment is never written to the file: a master key
 * given for a rotation must not end up on disk beside the database.
 */
export function localSecrets(file = ".data/secrets.json"): Secrets {
  const names = Object.keys(GENERATE) as (keyof Secrets)[];
  const fromEnv = (name: keyof Secrets) => process.env[name] || undefined;
  if (names.every(fromEnv)) return Object.fromEntries(names.map((n) => [n, fromEnv(n)])) as Secrets;
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  let changed = false;
  for (const n of names) {
    if (stored[n] || fromEnv(n)) continue;
    stored[n] = GENERATE[n]();
    changed = true;
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(names.map((n) => [n, fromEnv(n) ?? stored[n]])) as Secrets;
}
