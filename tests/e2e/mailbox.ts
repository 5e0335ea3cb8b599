// Reads the development mailbox the e2e server's worker writes (.eml files).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const DIR = ".data/mailbox-e2e";

export function mailsTo(email: string): string[] {
  if (!existsSync(DIR)) return [];
  // Oldest first, by when each file was written (names are message ids, not times).
  // A mail still being written is a ".part" file, renamed when whole: it may vanish under us.
  const read = (f: string) => {
    try {
      return { f, at: statSync(path.join(DIR, f)).mtimeMs, text: readFileSync(path.join(DIR, f), "utf8") };
    } catch {
      return null;
    }
  };
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".eml"))
    .map(read)
    .filter((m): m is { f: string; at: number; text: string } => m !== null)
    .sort((a, b) => a.at - b.at || a.f.localeCompare(b.f))
    .map(({ text }) => text)
    .filter((m) => new RegExp(`^To: ${email.replace(/[.+]/g, "\\$&")}$`, "mi").test(m));
}

export { emlBody as bodyOf } from "../support-eml";
import { emlBody } from "../support-eml";

/** The portal path of a link matching `pattern` in mail to `email` (a fresh address: one such mail), once it arrives. */
export async function linkInMail(email: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const links = mailsTo(email).map((m) => emlBody(m).match(pattern)?.[0]).filter((l): l is string => Boolean(l));
    const last = links.at(-1);
    if (last) return new URL(last).pathname + new URL(last).search;
    if (Date.now() > until) throw new Error(`no mail to ${email} with a link like ${pattern}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
