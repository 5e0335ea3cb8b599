// Local secrets for the demo and tests: generated once into .data/secrets.json (never
// committed). Production sets AUTH_SECRET, MOST_MASTER_KEYS, AUDIT_SIGNING_KEY and MOST_BLIND_INDEX_KEY in the
// environment; the audit key must stay out of the database and its backups, as these do.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { generateSigningKey } from "../../lib/audit/checkpoint";

type Secrets = { AUTH_SECRET: string; MOST_MASTER_KEYS: string; AUDIT_SIGNING_KEY: string; MOST_BLIND_INDEX_KEY: string };

export function localSecrets(file = ".data/secrets.json"): Secrets {
  const fromEnv = {
    AUTH_SECRET: process.env.AUTH_SECRET,
    MOST_MASTER_KEYS: process.env.MOST_MASTER_KEYS,
    AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY,
    MOST_BLIND_INDEX_KEY: process.env.MOST_BLIND_INDEX_KEY,
  };
  if (fromEnv.AUTH_SECRET && fromEnv.MOST_MASTER_KEYS && fromEnv.AUDIT_SIGNING_KEY && fromEnv.MOST_BLIND_INDEX_KEY) return fromEnv as Secrets;
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8"));
  const secrets: Secrets = {
    AUTH_SECRET: fromEnv.AUTH_SECRET ?? stored.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    MOST_MASTER_KEYS:
      fromEnv.MOST_MASTER_KEYS ?? stored.MOST_MASTER_KEYS ?? `local-1:${randomBytes(32).toString("base64")}`,
    AUDIT_SIGNING_KEY: fromEnv.AUDIT_SIGNING_KEY ?? stored.AUDIT_SIGNING_KEY ?? generateSigningKey(`local-${new Date().toISOString().slice(0, 10)}`).signingKey,
    MOST_BLIND_INDEX_KEY: fromEnv.MOST_BLIND_INDEX_KEY ?? stored.MOST_BLIND_INDEX_KEY ?? randomBytes(32).toString("base64url"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
