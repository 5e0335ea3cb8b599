// Re-screens every organisation whose screening a new list version made stale, until none is
// left; started by `npm run sanctions:import` after an import, in a process of its own: the
// import runs under a small heap cap (package.json), the name index of every list in force
// needs more. Prints how many were screened. Exit 0, or 1 when the sweep itself failed.
//   tsx --conditions=react-server scripts/sanctions-rescreen.ts     (DATABASE_URL… from the parent)
import { startDevEnvironment } from "./lib/dev-env";

const cluster = await startDevEnvironment();
const [{ db }, { screenAllStale }] = await Promise.all([import("../lib/db"), import("../lib/sanctions/screen")]);
let code = 0;
try {
  const { screened, failed } = await screenAllStale();
  console.log(`re-screened ${screened} organisations${failed ? `; ${failed} failed (see the log; the worker retries them)` : ""}`);
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await db.$disconnect();
  await cluster.stop();
}
process.exit(code);
