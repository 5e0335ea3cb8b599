// Command: verify the audit trail stream by stream, against signed checkpoints.
//   npm run audit:verify                                the database, against its stored checkpoints
//   npm run audit:verify -- --checkpoints FILE [...]   … and against checkpoint files you hold
//   npm run audit:verify -- --trail EXPORT.json        an exported trail, offline (no database)
//   … --public-key KEYID:BASE64 [...]                   keys to trust (else AUDIT_PUBLIC_KEYS and
//                                                        AUDIT_SIGNING_KEY's public half)
// Exit status: 0 intact, 1 broken or not matching a checkpoint, 2 could not verify (a
// malformed file, a checkpoint signed by an unknown key, no database).
import { readFileSync } from "node:fs";
import { parsePublicKeys, type PublicKeys } from "../lib/audit/checkpoint";
import { anchorsFrom } from "../lib/audit/checkpoint-anchors";
import type { Anchor, StreamReport } from "../lib/audit/verify-core";
import { parseTrail, verifyTrailEvents } from "../lib/audit/verify-trail";

class Refused extends Error {}

const FLAGS = ["--trail", "--checkpoints", "--public-key"] as const;

/** Strict: a misspelt flag must not end in "intact" with the held file never read. */
function parseArgs(argv: string[]): Record<(typeof FLAGS)[number], string[]> {
  const out = { "--trail": [], "--checkpoints": [], "--public-key": [] } as Record<(typeof FLAGS)[number], string[]>;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    if (!(FLAGS as readonly string[]).includes(flag)) throw new Refused(`unknown argument ${flag} (use ${FLAGS.join(", ")}, each followed by a value)`);
    const v = argv[i + 1];
    if (!v || v.startsWith("--")) throw new Refused(`${flag} needs a value`);
    out[flag as (typeof FLAGS)[number]].push(v);
  }
  if (out["--trail"].length > 1) throw new Refused("give one --trail file");
  return out;
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new Refused(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function print(reports: StreamReport[]): number {
  let broken = 0;
  for (const r of reports) {
    if (r.ok) console.log(`✓ stream ${r.stream}: ${r.events} events intact up to position ${r.seq}, ${r.anchorsChecked} checkpoint(s) matched`);
    else {
      broken++;
      console.error(`✗ stream ${r.stream}: BROKEN (${r.reason}) at position ${r.seq}${r.brokenAt ? `, event ${r.brokenAt}` : ""}: ${r.message}`);
    }
  }
  const events = reports.reduce((n, r) => n + r.events, 0);
  if (broken) console.error(`Audit chain BROKEN in ${broken} of ${reports.length} stream(s).`);
  else console.log(`Audit chain intact: ${events} events in ${reports.length} stream(s).`);
  return broken ? 1 : 0;
}

let code = 2;
let stop = async () => {};
try {
  const args = parseArgs(process.argv.slice(2));
  const trailFile = args["--trail"][0];
  const checkpointFiles = args["--checkpoints"];
  const keyArgs = args["--public-key"];
  let keys: PublicKeys;
  let anchors: Anchor[] = [];
  const loadHeld = async (extraKeys: () => Promise<PublicKeys>) => {
    keys = keyArgs.length ? parsePublicKeys(keyArgs.join(",")) : await extraKeys();
    const sources = [...checkpointFiles.map((f) => ({ f, text: read(f) })), ...(trailFile ? [{ f: trailFile, text: read(trailFile) }] : [])];
    // An exported trail carries the checkpoints of its period in the same format.
    for (const { f, text } of sources) {
      const held = anchorsFrom(text, keys);
      if (!held.ok) throw new Refused(`${f}: ${held.message}`);
      anchors = anchors.concat(held.anchors);
    }
  };
  if (trailFile) {
    await loadHeld(async () => parsePublicKeys(process.env.AUDIT_PUBLIC_KEYS ?? ""));
    const trail = parseTrail(read(trailFile));
    if (!trail.ok) throw new Refused(`${trailFile}: ${trail.message}`);
    console.log(`Verifying ${trailFile} offline: ${trail.events.length} events, ${anchors.length} signed checkpoint(s).`);
    const offline = verifyTrailEvents(trail.events, anchors);
    code = print(offline.reports);
    // Held checkpoints the file cannot be compared with: its period ends before them, or the
    // stream is not in it. Said, so that "intact" is not read as "checked against them".
    if (offline.unchecked > 0) console.log(`Note: ${offline.unchecked} held checkpoint(s) lie outside this file's events and were not checked; verify the database (or a later export) against them.`);
  } else {
    const { startDevEnvironment } = await import("./lib/dev-env");
    const cluster = await startDevEnvironment();
    const { db } = await import("../lib/db");
    stop = async () => {
      await db.$disconnect();
      await cluster.stop();
    };
    const { storedForgeries, trustedKeys } = await import("../lib/audit/checkpoints");
    await loadHeld(async () => trustedKeys());
    const { storedAnchors, verifyChain } = await import("../lib/audit/verify");
    // Stored checkpoints count only when their signature holds; only the held ones are out of
    // the operator's reach. A stored row that does not hold is a forgery: reported, not used.
    const stored = await storedAnchors(keys!);
    const forged = await storedForgeries(keys!);
    const report = await verifyChain({ anchors: [...stored, ...anchors] });
    console.log(`Verifying the database: ${stored.length} stored and ${anchors.length} held checkpoint(s).`);
    code = print(report.streams);
    for (const f of forged.slice(0, 20)) console.error(`✗ ${f}`);
    if (forged.length) code = 1;
    // The ledger is proven through its rows' events, which the checkpoints cover.
    const { verifyLedgerAgainstTrail } = await import("../lib/audit/ledger-proof");
    const ledger = await verifyLedgerAgainstTrail();
    for (const p of ledger.problems.slice(0, 20)) console.error(`✗ ledger row ${p.ledgerEntryId}: ${p.reason}: ${p.detail}`);
    if (ledger.problems.length > 20) console.error(`  … and ${ledger.problems.length - 20} more ledger problems`);
    if (ledger.ok) console.log(`✓ ledger: ${ledger.rows} rows match their audit events`);
    else code = 1;
  }
} catch (e) {
  console.error(`Audit chain could not be verified: ${e instanceof Refused ? e.message : (e as Error).message}`);
  code = 2;
} finally {
  await stop().catch(() => undefined);
}
// Explicit exit: the status is the verdict, whatever a library's exit hook would say.
process.exit(code);
