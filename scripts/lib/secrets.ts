// Local secrets for the demo and tests: generated once into .data/secrets.json (never
// committed). Production sets AUTH_SECRET and MOST_MASTER_KEYS in the environment.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

type Secrets = { AUTH_SECRET: string; MOST_MASTER_KEYS: string };

export function localSecrets(file = ".data/secrets.json"): Secrets {
  const fromEnv = {
    AUTH_SECRET: process.env.AUTH_SECRET,
    MOST_MASTER_KEYS: process.env.MOST_MASTER_KEYS,
  };
  if (fromEnv.AUTH_SECRET && fromEnv.MOST_MASTER_KEYS) return fromEnv as Secrets;
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8"));
  const secrets: Secrets = {
    AUTH_SECRET: fromEnv.AUTH_SECRET ?? stored.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    MOST_MASTER_KEYS:
      fromEnv.MOST_MASTER_KEYS ?? stored.MOST_MASTER_KEYS ?? `local-1:${randomBytes(32).toString("base64")}`,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
