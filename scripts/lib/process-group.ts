// Ctrl-C in a terminal signals every process of the foreground group at once: PostgreSQL,
// the server and the job worker would each stop on their own, the database possibly first,
// under the worker's feet. So the run command runs the portal in a process group of its
// own; the first process only passes the request on (IPC "stop"), and the portal stops its
// parts in order.
import { spawn } from "node:child_process";

const MARK = "MOST_PORTAL_GROUP";

/** In the first process: starts the same command detached, relays signals, never returns. */
export async function inOwnProcessGroup(): Promise<void> {
  if (process.env[MARK] === "1") return;
  const portal = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, [MARK]: "1" },
  });
  const relay = () => {
    if (portal.connected) portal.send("stop");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, relay);
  portal.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => {}); // the portal's exit ends this process
}

/** In the portal: `stop` runs on the relayed request, or when the first process is gone. */
export function onStopRequest(stop: () => void) {
  process.on("message", (m) => {
    if (m === "stop") stop();
  });
  process.on("disconnect", stop);
}
