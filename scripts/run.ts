// The run command: embedded PostgreSQL (unless DATABASE_URL is set), migrations, demo
// data on first start, then the built portal on http://localhost:3000.
//   npm run demo            build and serve on :3000 (data kept in .data/pg)
//   tsx scripts/run.ts --e2e  fresh database and server on :3100 for the browser tests
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { emlBody, emlHeaders, linksIn } from "../lib/notifications/eml";
import { PROFILES, createDatabase, dropDatabase, startCluster, takeOverSignals } from "./lib/database";
import { inOwnProcessGroup, onStopRequest } from "./lib/process-group";
import { prepareDatabase } from "./lib/grants";
import { npx } from "./lib/prisma-cli";
import { localSecrets } from "./lib/secrets";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../prisma/seed/demo-data";
import { E2E_MIRROR_HOST, E2E_ONION } from "./lib/e2e-origins";

const e2e = process.argv.includes("--e2e");
// The demo in a terminal: the portal in a process group of its own (lib/process-group.ts).
// Browser tests run it directly; their runner ends the whole group itself.
if (!e2e) await inOwnProcessGroup();
// This script stops the cluster itself, after the worker and the server.
takeOverSignals();
const port = Number(e2e ? (process.env.MOST_E2E_PORT ?? 3100) : (process.env.PORT ?? 3000));
const profile = e2e ? PROFILES.e2e : PROFILES.dev;
const database = e2e ? "most_e2e" : "most";

const secrets = localSecrets(process.env.MOST_SECRETS_FILE ?? (e2e ? ".data/secrets-e2e.json" : ".data/secrets.json"));
const cluster = await startCluster(profile);
if (e2e) await dropDatabase(cluster, database);
// Browser tests read the mailbox: each run starts with an empty one.
if (e2e) rmSync(".data/mailbox-e2e", { recursive: true, force: true });
if (cluster.embedded) await createDatabase(cluster, database);
// The portal, the worker and the seed use the app login; migrations and grants the owner's.
const databaseUrl = process.env.DATABASE_URL ?? cluster.appUrlFor(database);
const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL ?? cluster.urlFor(database);

const env = {
  ...secrets,
  DATABASE_URL: databaseUrl,
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  STORAGE_DIR: process.env.STORAGE_DIR ?? (e2e ? ".data/storage-e2e" : ".data/storage"),
  KEY_SHARE_DIR: process.env.KEY_SHARE_DIR ?? (e2e ? ".data/keyshares-e2e" : ".data/keyshares"),
  // `npm run backup` copies the embedded database's folder: shares may not live there.
  MOST_BACKED_UP_DIRS: [process.env.MOST_BACKED_UP_DIRS, cluster.embedded ? profile.dataDir : ""].filter(Boolean).join(","),
  MOST_INSECURE_HTTP: process.env.MOST_INSECURE_HTTP ?? "1",
  // Browser tests reach the portal under a mirror name and an onion address too (tests/e2e/origins.spec.ts).
  ...(e2e ? { MOST_MIRROR_ORIGINS: process.env.MOST_MIRROR_ORIGINS ?? `${E2E_ONION},http://${E2E_MIRROR_HOST}:${port}` } : {}),
  MAILBOX_DIR: process.env.MAILBOX_DIR ?? (e2e ? ".data/mailbox-e2e" : ".data/mailbox"),
  WORKER_SWEEP_MS: e2e ? "1000" : "5000",
  // The local demo's mailbox page (/dev/mailbox), although the server runs in production mode.
  ...(process.env.SMTP_URL ? {} : { MOST_DEV_MAILBOX: "1" }),
};

// Browser tests start a second web node and worker on the same database and files
// (tests/e2e/two-nodes.spec.ts): they need this node's settings, secrets included (.data/ only).
if (e2e) writeFileSync(".data/e2e-node-env.json", JSON.stringify(env), { mode: 0o600 });

console.log("Applying database migrations…");
await prepareDatabase(ownerUrl, databaseUrl, { embedded: cluster.embedded });
npx(["tsx", "--conditions=react-server", "scripts/seal-people.ts"], env);
// The seed alone gets the owner's login: it dates the demo payee account's verification weeks back.
npx(["tsx", "--conditions=react-server", "prisma/seed.ts"], { ...env, OWNER_DATABASE_URL: ownerUrl });

const line = "─".repeat(64);
console.log(`\n${line}\n Most is starting on ${env.APP_URL}\n`);
console.log(` Database: ${cluster.embedded ? `embedded PostgreSQL (${profile.dataDir}, port ${profile.port})` : "DATABASE_URL"}`);
console.log(` Demo accounts (password for all: ${DEMO_PASSWORD}):`);
for (const a of DEMO_ACCOUNTS) console.log(`   ${a.role.padEnd(13)} ${a.email}`);
console.log(` Staff accounts also need a second factor: authenticator secret ${DEMO_TOTP_SECRET}`);
console.log(` (add it to any authenticator app, or run \`npm run demo:code\` for the current code).`);
console.log(
  process.env.SMTP_URL
    ? " E-mail goes out through SMTP_URL."
    : ` E-mail is not sent: read it at ${env.APP_URL}/dev/mailbox (links clickable; ${env.MAILBOX_DIR}/ holds the .eml files).`,
);
console.log(`${line}\n`);

// Each new mail's first link, printed as a path to open on this portal (sign-up, reset…).
if (!process.env.SMTP_URL) {
  mkdirSync(env.MAILBOX_DIR, { recursive: true });
  const seen = new Set(readdirSync(env.MAILBOX_DIR));
  watch(env.MAILBOX_DIR, () => {
    for (const file of readdirSync(env.MAILBOX_DIR).filter((f) => f.endsWith(".eml") && !seen.has(f)).sort()) {
      seen.add(file);
      try {
        const eml = readFileSync(path.join(env.MAILBOX_DIR, file), "utf8");
        const link = linksIn(emlBody(eml))[0];
        if (!emlHeaders(eml).to) throw new Error("still being written");
        // The file, not the recipient: the terminal's log must not list who the portal mailed.
        const where = link && new URL(link).origin === new URL(env.APP_URL).origin ? new URL(link).pathname + new URL(link).search : link;
        // The file's name ends in the Message-ID's domain: left out, so no line carries an "@".
        console.log(`✉ mail ${file.replace(/@[^@]*$/, "")}${where ? `: ${where}` : ""}`);
      } catch {
        seen.delete(file); // still being written: the next event reads it
      }
    }
  });
}

// The Next.js CLI directly (not through npx) so that stopping this script stops the server.
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production" },
});

// The job worker (e-mail, reminders, digests) beside the server, on the same database.
const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/worker.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...env },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the job worker, then the server, then the database…");
  // The worker closes its job queue while the database still runs, then the server stops.
  worker.kill("SIGTERM");
  await exited(worker, 30_000);
  server.kill("SIGTERM");
  await exited(server, 15_000);
  await cluster.stop();
  console.log("Stopped.");
  process.exit(code);
}

/** Resolves when the child has exited, or after `ms`. */
function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    setTimeout(resolve, ms).unref();
  });
}
onStopRequest(() => void stop(0));
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 0));
