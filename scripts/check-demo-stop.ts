// Proof that Ctrl-C stops the demo cleanly: starts the run command (built portal, job worker,
// embedded PostgreSQL) in a process group of its own, as a terminal's foreground job is, sends
// SIGINT to the whole group as Ctrl-C does, and requires an end by that Ctrl-C, the worker,
// server and database stopped in that order ("Job worker stopped.", "Stopped.") and no error
// in the output. Exits 1 otherwise. Needs `next build` first. Own port and data folder,
// so it does not touch a running demo.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import net from "node:net";

const PORT = Number(process.env.MOST_STOP_CHECK_PORT ?? 3200);
const PG_PORT = Number(process.env.MOST_STOP_CHECK_PG_PORT ?? 54337);
const DIR = ".data/stop-check";
rmSync(DIR, { recursive: true, force: true });

// Through npx, as `npm run demo` runs it: npm and tsx each relay signals to their child.
const child = spawn("npx", ["tsx", "scripts/run.ts"], {
  detached: true, // a process group of its own: the terminal's foreground job
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    PORT: String(PORT),
    MOST_PG_PORT: String(PG_PORT),
    MOST_PG_DIR: `${DIR}/pg`,
    STORAGE_DIR: `${DIR}/storage`,
    KEY_SHARE_DIR: `${DIR}/keyshares`,
    MAILBOX_DIR: `${DIR}/mailbox`,
    MOST_SECRETS_FILE: `${DIR}/secrets.json`,
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
let output = "";
child.stdout.on("data", (d: Buffer) => (output += d.toString()));
child.stderr.on("data", (d: Buffer) => (output += d.toString()));
// npm ends a Ctrl-C'd script by re-raising SIGINT on itself, as a shell expects.
const exit = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `status ${code}`)));
// Every writer of the output (worker, server, database) has closed it: the whole group is done.
const outputClosed = new Promise<void>((resolve) => child.stdout.on("close", () => resolve()));

function fail(why: string): never {
  console.log(output);
  console.error(`✗ demo stop: ${why}`);
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  process.exit(1);
}

async function healthy(deadline: number) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`the run command ended by itself (status ${child.exitCode})`);
    try {
      if ((await fetch(`http://localhost:${PORT}/api/health`)).ok && output.includes("Job worker running")) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  fail("the portal did not come up within 5 minutes");
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

await healthy(Date.now() + 300_000);
// Let the worker run a sweep or two, as in a demo left open.
await new Promise((r) => setTimeout(r, 6000));
const before = output.length;
process.kill(-child.pid!, "SIGINT"); // Ctrl-C: every process of the group at once
const code = await Promise.race([exit, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 90_000))]);
if (code === "timeout") fail("still running 90 s after Ctrl-C");
const closed = await Promise.race([outputClosed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
if (!closed) fail("a process of the demo was still running 30 s after the run command ended");
const errors = output.slice(before).split("\n").filter((l) => /error|exception|unhandled/i.test(l));
if (!["status 0", "status 130", "signal SIGINT"].includes(code)) fail(`ended with ${code}`);
if (!output.includes("Job worker stopped.")) fail('the job worker did not say "Job worker stopped."');
if (!output.includes("Stopped.\n")) fail('no "Stopped." line from the run command');
if (errors.length) fail(`errors while stopping:\n${errors.join("\n")}`);
// Each mail is announced by its file, once complete, never with its recipient's address.
const mails = output.split("\n").filter((l) => l.startsWith("✉ mail "));
const addressed = mails.filter((l) => l.includes("@"));
if (addressed.length) fail(`${addressed.length} mails announced with an address`);
if (await accepting(PG_PORT)) fail("PostgreSQL still accepts connections");
if (await accepting(PORT)) fail("the server still accepts connections");
console.log(`✓ demo stop: ended by Ctrl-C (${code}), worker, server and database stopped in order, no error; ${mails.length} mails announced, none with an address`);
rmSync(DIR, { recursive: true, force: true });
